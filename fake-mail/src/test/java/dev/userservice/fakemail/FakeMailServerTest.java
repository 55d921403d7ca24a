package dev.userservice.fakemail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeMailServerTest {

  private final Mailbox mailbox = new Mailbox();
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = new FakeMailServer(mailbox, 0).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void givenPortZero_port_isTheBoundEphemeralPort() {
    assertThat(server.port()).isPositive();
  }

  @Test
  void aMultipartLetter_isKeptWithItsDecodedTextAndHtml() throws Exception {
    MimeMessage message = message("Bob@Example.com");
    message.setSubject("Код подтверждения — ü€", "UTF-8");
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Ваш код: 123456 — ü€", "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText("<p>Ваш код: <b>123456</b></p>", "UTF-8", "html");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);

    Transport.send(message);

    ReceivedMail mail = mailbox.latest("bob@example.com").orElseThrow();
    assertThat(mail.subject()).isEqualTo("Код подтверждения — ü€");
    assertThat(mail.text()).isEqualTo("Ваш код: 123456 — ü€");
    assertThat(mail.html()).isEqualTo("<p>Ваш код: <b>123456</b></p>");
    assertThat(mail.from()).isEqualTo("app@example.com");
    assertThat(mail.to()).isEqualTo("Bob@Example.com");
  }

  @Test
  void aPlainTextLetter_hasNoHtml() throws Exception {
    MimeMessage message = message("carol@example.com");
    message.setSubject("Plain");
    message.setText("just text", "UTF-8");

    Transport.send(message);

    ReceivedMail mail = mailbox.latest("carol@example.com").orElseThrow();
    assertThat(mail.text()).isEqualTo("just text");
    assertThat(mail.html()).isNull();
  }

  @Test
  void aLetterToTwoRecipients_isKeptInBothMailboxes() throws Exception {
    MimeMessage message = message("dave@example.com");
    message.addRecipient(Message.RecipientType.TO, new InternetAddress("erin@example.com"));
    message.setSubject("For both");
    message.setText("hi", "UTF-8");

    Transport.send(message);

    assertThat(mailbox.messages("dave@example.com")).extracting(ReceivedMail::subject)
        .containsExactly("For both");
    assertThat(mailbox.messages("erin@example.com")).extracting(ReceivedMail::subject)
        .containsExactly("For both");
  }

  private MimeMessage message(String to) throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(server.port()));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "5000");
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress("app@example.com"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    return message;
  }
}
