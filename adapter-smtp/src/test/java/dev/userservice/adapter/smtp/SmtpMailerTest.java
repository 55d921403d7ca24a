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
import dev.userservice.domain.port.Mailer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

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
  void theSendersDisplayName_comesFromMailFromName_unlessMailFromHasOne() {
    SmtpMailer named = new SmtpMailer(new SmtpSettings("127.0.0.1", server.port(), null, null,
        SmtpSettings.Security.NONE, "no-reply@example.com", "Сервис «Ада»", null, null));
    SmtpMailer alreadyNamed = new SmtpMailer(new SmtpSettings("127.0.0.1", server.port(), null,
        null, SmtpSettings.Security.NONE, "Acme <no-reply@example.com>", "Ignored", null, null));

    named.send(new Mail(new Email("bob@example.com"), SUBJECT, TEXT, HTML));
    alreadyNamed.send(new Mail(new Email("carol@example.com"), SUBJECT, TEXT, HTML));

    // Quoted, as RFC 5322 wants a display name with these characters.
    assertThat(mailbox.latest("bob@example.com").orElseThrow().from())
        .isEqualTo("\"Сервис «Ада»\" <no-reply@example.com>");
    assertThat(mailbox.latest("carol@example.com").orElseThrow().from())
        .isEqualTo("Acme <no-reply@example.com>");
  }

  @Test
  void throughAHostsSession_connectsWhereItsPropertiesSay_andSendsAsTheGivenSender() {
    java.util.Properties properties = new java.util.Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(server.port()));
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "5000");
    SmtpMailer mailer = SmtpMailer.using(jakarta.mail.Session.getInstance(properties),
        "no-reply@host.example", "Host App");

    try (Mailer.Batch batch = mailer.batch()) {
      batch.send(new Mail(new Email("dora@example.com"), SUBJECT, TEXT, HTML));
      batch.send(new Mail(new Email("dora@example.com"), SUBJECT, TEXT, HTML));
    }

    assertThat(mailbox.messages("dora@example.com")).hasSize(2)
        .allSatisfy(letter -> assertThat(letter.from())
            .isEqualTo("Host App <no-reply@host.example>"));
    assertThatThrownBy(() -> SmtpMailer.using(jakarta.mail.Session.getInstance(properties),
        "not an address", null)).isInstanceOf(IllegalArgumentException.class);
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
  @Test
  void batch_sendsItsLettersOverOneConnection_whereEachSendHasItsOwn() {
    List<SocketAddress> senders = new CopyOnWriteArrayList<>();
    SMTPServer recording = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress())
        .messageHandlerFactory(context -> new Discarding(() ->
            senders.add(context.getRemoteAddress())))
        .build();
    recording.start();
    try {
      SmtpMailer mailer = new SmtpMailer(SmtpSettings.plain("127.0.0.1",
          recording.getPortAllocated(), "no-reply@example.com"));

      try (Mailer.Batch batch = mailer.batch()) {
        for (int i = 1; i <= 3; i++) {
          batch.send(new Mail(new Email("erin@example.com"), "batched " + i, "t", "<p>h</p>"));
        }
      }
      mailer.send(new Mail(new Email("erin@example.com"), "alone 1", "t", "<p>h</p>"));
      mailer.send(new Mail(new Email("erin@example.com"), "alone 2", "t", "<p>h</p>"));

      assertThat(senders).hasSize(5);
      assertThat(senders.subList(0, 3)).as("the batch's letters").containsOnly(senders.get(0));
      assertThat(senders.subList(2, 5)).as("a batch, then two sends").doesNotHaveDuplicates();
    } finally {
      recording.stop();
    }
  }

  @Test
  void batch_afterTheServerDroppedTheConnection_failsThatLetter_andReconnectsForTheNext() {
    int port = server.port();
    SmtpMailer mailer = new SmtpMailer(SmtpSettings.plain("127.0.0.1", port, "no-reply@example.com"));

    try (Mailer.Batch batch = mailer.batch()) {
      batch.send(new Mail(new Email("frank@example.com"), "before", "t", "<p>h</p>"));
      server.close();
      server = new FakeMailServer(mailbox, port).start();

      assertThatThrownBy(() ->
          batch.send(new Mail(new Email("frank@example.com"), "lost", "t", "<p>h</p>")))
          .isInstanceOf(UnavailableException.class);
      batch.send(new Mail(new Email("frank@example.com"), "after", "t", "<p>h</p>"));
    }

    assertThat(mailbox.messages("frank@example.com")).extracting(ReceivedMail::subject)
        .containsExactly("after", "before");
  }

  @Test
  void batch_whenConnectingFails_failsEveryLetter_afterOneAttempt() throws IOException {
    // Accepts connections and hangs up at once, before the SMTP greeting.
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket hangingUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!hangingUp.isClosed()) {
          try (Socket ignored = hangingUp.accept()) {
            connections.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      SmtpMailer mailer = new SmtpMailer(new SmtpSettings("127.0.0.1", hangingUp.getLocalPort(),
          null, null, Security.NONE, "no-reply@example.com", Duration.ofSeconds(2),
          Duration.ofSeconds(2)));

      try (Mailer.Batch batch = mailer.batch()) {
        for (int i = 1; i <= 3; i++) {
          Mail mail = new Mail(new Email("grace@example.com"), "s" + i, "t", "h");
          assertThatThrownBy(() -> batch.send(mail)).isInstanceOf(UnavailableException.class);
        }
      }

      assertThat(connections).hasValue(1);
    }
  }

  /** Accepts every letter, keeps nothing, and reports each one. */
  private record Discarding(Runnable onLetter) implements MessageHandler {

    @Override
    public void from(String from) {}

    @Override
    public void recipient(String recipient) {}

    @Override
    public String data(InputStream data) throws IOException {
      data.readAllBytes();
      onLetter.run();
      return null;
    }

    @Override
    public void done() {}
  }
}
