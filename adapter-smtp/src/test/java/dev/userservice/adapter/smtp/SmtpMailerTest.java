package dev.userservice.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.adapter.smtp.SmtpSettings.Security;
import dev.userservice.domain.Email;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.port.Mail;
import dev.userservice.fakemail.FakeMailServer;
import dev.userservice.fakemail.Mailbox;
import dev.userservice.fakemail.ReceivedMail;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends through a real SMTP conversation with the fake-mail server and reads the letter back. */
class SmtpMailerTest {

  private static final String SUBJECT = "Код подтверждения — ü€";
  private static final String TEXT = "Ваш код: 123456.\nОн действует 10 минут — ü€";
  private static final String HTML = "<p>Ваш код: <b>123456</b>.</p><p>Он действует 10 минут — ü€</p>";

  private final Mailbox mailbox = new Mailbox();
  private FakeMailServer server;

  @BeforeEach
  void startServer() {
    server = new FakeMailServer(mailbox, 0).start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void send_deliversAUtf8LetterWithPlainTextAndHtmlParts() {
    SmtpMailer mailer = new SmtpMailer(
        SmtpSettings.plain("127.0.0.1", server.port(), "User Service <no-reply@example.com>"));

    mailer.send(new Mail(new Email("Alice@Example.com"), SUBJECT, TEXT, HTML));

    ReceivedMail letter = mailbox.latest("alice@example.com").orElseThrow(
        () -> new AssertionError("the fake SMTP server received no letter for alice@example.com"));
    assertThat(letter.subject()).isEqualTo(SUBJECT);
    assertThat(letter.text()).isEqualTo(TEXT);
    assertThat(letter.html()).isEqualTo(HTML);
    assertThat(letter.from()).isEqualTo("User Service <no-reply@example.com>");
    assertThat(letter.to()).isEqualTo("alice@example.com");
  }

  @Test
  void send_twiceToOneAddress_deliversBothLetters() {
    SmtpMailer mailer = new SmtpMailer(
        SmtpSettings.plain("127.0.0.1", server.port(), "no-reply@example.com"));

    mailer.send(new Mail(new Email("bob@example.com"), "first", "1", "<p>1</p>"));
    mailer.send(new Mail(new Email("bob@example.com"), "second", "2", "<p>2</p>"));

    assertThat(mailbox.messages("bob@example.com")).extracting(ReceivedMail::subject)
        .containsExactly("second", "first");
  }

  @Test
  void givenNoServerListening_send_throwsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SmtpMailer mailer = new SmtpMailer(new SmtpSettings("127.0.0.1", closedPort, null, null,
        Security.NONE, "no-reply@example.com", Duration.ofSeconds(2), Duration.ofSeconds(2)));

    assertThatThrownBy(() -> mailer.send(new Mail(new Email("carol@example.com"), "s", "t", "h")))
        .isInstanceOfSatisfying(UnavailableException.class,
            e -> assertThat(e.dependency()).isEqualTo("smtp"));
  }

  @Test
  void givenStarttlsRequired_andAServerWithoutIt_send_refusesToSendInTheClear() {
    SmtpMailer mailer = new SmtpMailer(new SmtpSettings("127.0.0.1", server.port(), null, null,
        Security.STARTTLS, "no-reply@example.com", null, null));

    assertThatThrownBy(() -> mailer.send(new Mail(new Email("dave@example.com"), "s", "t", "h")))
        .isInstanceOf(UnavailableException.class);
    assertThat(mailbox.messages("dave@example.com")).isEmpty();
  }
}
