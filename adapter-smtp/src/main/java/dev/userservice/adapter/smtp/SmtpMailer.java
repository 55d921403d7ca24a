package dev.userservice.adapter.smtp;

import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.Mailer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends each {@link Mail} over SMTP (jakarta.mail with Angus Mail) as a UTF-8
 * {@code multipart/alternative} letter: the plain text first, the HTML second, so clients that
 * can show HTML prefer it. A {@link #batch} sends its letters over one connection, opened by its
 * first letter and closed with it; no connection outlives its batch, so none has to survive the
 * server dropping an idle one.
 *
 * <p>It builds its own mail session from {@link SmtpSettings}, or sends through the host
 * application's ({@link #using(Session, String, String)}).
 */
@Singleton
public final class SmtpMailer implements Mailer {

  private static final String UTF_8 = "UTF-8";

  // Where and as whom to connect; null to connect as the session's properties say.
  private final SmtpSettings settings;
  private final Session session;
  private final InternetAddress from;

  /**
   * @throws IllegalArgumentException when {@code settings.from()} is not an address
   */
  @Inject
  public SmtpMailer(SmtpSettings settings) {
    this(settings, Session.getInstance(properties(settings)), settings.from(),
        settings.fromName());
  }

  private SmtpMailer(SmtpSettings settings, Session session, String from, String fromName) {
    this.settings = settings;
    this.session = session;
    this.from = sender(from, fromName);
  }

  /**
   * A mailer that sends through the host application's {@code session}: it connects as the
   * session's properties say ({@code mail.smtp.host}, {@code mail.smtp.port},
   * {@code mail.smtp.user}, TLS) with the session's {@code Authenticator}, one connection per
   * batch. The session is the host's and holds nothing open. Give it timeouts
   * ({@code mail.smtp.connectiontimeout}, {@code mail.smtp.timeout},
   * {@code mail.smtp.writetimeout}): without them a stalled server holds the mail job forever.
   *
   * @param from the sender, e.g. {@code no-reply@example.com}
   * @param fromName its display name when {@code from} has none; {@code null} for none
   * @throws IllegalArgumentException when {@code from} is not an address
   */
  public static SmtpMailer using(Session session, String from, String fromName) {
    return new SmtpMailer(null, Objects.requireNonNull(session, "session"),
        Objects.requireNonNull(from, "from"), fromName == null || fromName.isBlank() ? null
            : fromName.strip());
  }

  private static InternetAddress sender(String address, String name) {
    try {
      InternetAddress sender = new InternetAddress(address, true);
      if (sender.getPersonal() == null && name != null) {
        sender.setPersonal(name, UTF_8);
      }
      return sender;
    } catch (AddressException e) {
      throw new IllegalArgumentException("MAIL_FROM is not an email address: " + address, e);
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("the JDK lacks UTF-8", e);
    }
  }

  @Override
  public void send(Mail mail) {
    try (Batch batch = batch()) {
      batch.send(mail);
    }
  }

  @Override
  public Batch batch() {
    return new Connection();
  }

  /**
   * One SMTP connection for a run of letters. A letter that fails closes it, so the next one
   * starts afresh on a new connection; once connecting has failed, the rest of the batch fails at
   * once with that error instead of waiting out a timeout per letter.
   */
  private final class Connection implements Batch {

    private Transport transport;
    private MessagingException unreachable;

    @Override
    public void send(Mail mail) {
      if (unreachable != null) {
        throw new UnavailableException("smtp", unreachable);
      }
      try {
        MimeMessage message = letter(mail);
        if (transport == null) {
          transport = connect();
        }
        transport.sendMessage(message, message.getAllRecipients());
      } catch (MessagingException e) {
        close();
        throw new UnavailableException("smtp", e);
      }
    }

    private Transport connect() throws MessagingException {
      Transport connecting = session.getTransport();
      try {
        if (settings == null) {
          connecting.connect();
        } else {
          connecting.connect(settings.host(), settings.port(), settings.username(),
              settings.password());
        }
        return connecting;
      } catch (MessagingException e) {
        unreachable = e;
        throw e;
      }
    }

    /** Says QUIT; a server that has gone meanwhile changes nothing about what it accepted. */
    @Override
    public void close() {
      if (transport != null) {
        try {
          transport.close();
        } catch (MessagingException e) {
          // The letters it accepted are sent; the connection ends either way.
        }
        transport = null;
      }
    }
  }

  private MimeMessage letter(Mail mail) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to().value()));
    message.setSubject(mail.subject(), UTF_8);

    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), UTF_8, "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), UTF_8, "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    // sendMessage, unlike Transport.send, does not write the headers (Date, Message-ID, MIME).
    message.saveChanges();
    return message;
  }

  private static Properties properties(SmtpSettings settings) {
    Properties props = new Properties();
    props.put("mail.transport.protocol", "smtp");
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", String.valueOf(settings.port()));
    props.put("mail.smtp.connectiontimeout", millis(settings.connectTimeout()));
    props.put("mail.smtp.timeout", millis(settings.readTimeout()));
    props.put("mail.smtp.writetimeout", millis(settings.readTimeout()));
    props.put("mail.smtp.auth", String.valueOf(settings.authenticates()));
    switch (settings.security()) {
      case NONE -> { }
      case STARTTLS -> {
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case TLS -> {
        props.put("mail.smtp.ssl.enable", "true");
        props.put("mail.smtp.ssl.checkserveridentity", "true");
      }
    }
    return props;
  }

  private static String millis(Duration duration) {
    return String.valueOf(duration.toMillis());
  }

  @Override
  public String toString() {
    return "SmtpMailer[" + (settings != null ? settings
        : "host's session, " + session.getProperty("mail.smtp.host")) + "]";
  }
}
