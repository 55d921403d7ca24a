package dev.userservice.fakemail;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake SMTP server: accepts every letter and keeps it in a {@link Mailbox}, once for each
 * envelope recipient. Nothing is ever relayed. Port 0 binds an ephemeral port; {@link #port()}
 * tells which after {@link #start()}.
 */
public final class FakeMailServer implements AutoCloseable {

  /** The port used when none is given, as in the original service. */
  public static final int DEFAULT_PORT = 1025;

  private static final Logger LOG = LoggerFactory.getLogger(FakeMailServer.class);
  private static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

  private final Mailbox mailbox;
  private final SMTPServer server;
  private final Session session = Session.getInstance(new Properties());

  /** A server on loopback only: letters carry codes, so nothing else should reach it. */
  public FakeMailServer(Mailbox mailbox, int port) {
    this(mailbox, InetAddress.getLoopbackAddress(), port);
  }

  /** A server on {@code bindHost} (a name or address; {@code 0.0.0.0} for every interface). */
  public FakeMailServer(Mailbox mailbox, String bindHost, int port) {
    this(mailbox, resolve(bindHost), port);
  }

  private FakeMailServer(Mailbox mailbox, InetAddress bindAddress, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    this.mailbox = mailbox;
    this.server = SMTPServer.port(port)
        .bindAddress(bindAddress)
        .hostName("fake-mail")
        .softwareName("user-service fake mail")
        .maxMessageSize(MAX_MESSAGE_BYTES)
        .messageHandlerFactory(Letter::new)
        .build();
  }

  /** Starts listening; returns this server. */
  public FakeMailServer start() {
    server.start();
    LOG.info("Fake SMTP server listening on {}:{}",
        server.getBindAddress().map(InetAddress::getHostAddress).orElse("*"), port());
    return this;
  }

  /** Stops listening and waits for the open sessions to end. Safe to call twice. */
  public void stop() {
    if (server.isRunning()) {
      server.stop();
      LOG.info("Fake SMTP server stopped");
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** The bound port (the ephemeral one when constructed with port 0); valid after start. */
  public int port() {
    return server.getPortAllocated();
  }

  /** Where the received letters go. */
  public Mailbox mailbox() {
    return mailbox;
  }

  private static InetAddress resolve(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve bind host " + host, e);
    }
  }

  /** One SMTP transaction: the envelope, then the data. */
  private final class Letter implements MessageHandler {

    private String envelopeFrom = "";
    private final List<String> recipients = new ArrayList<>();

    Letter(MessageContext context) {
      // The context (remote address, HELO) is of no interest to a fake mailbox.
    }

    @Override
    public void from(String from) {
      envelopeFrom = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) {
      recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws IOException {
      ReceivedMail mail = parse(data.readAllBytes(), envelopeFrom, recipients, Instant.now());
      for (String recipient : recipients) {
        mailbox.add(recipient, mail);
      }
      LOG.info("Fake mail for {}: {}", recipients, mail.subject());
      return null;
    }

    @Override
    public void done() {
      // Everything happened in data().
    }
  }

  private ReceivedMail parse(
      byte[] raw, String envelopeFrom, List<String> envelopeTo, Instant receivedAt) {
    String envelopeRecipients = String.join(", ", envelopeTo);
    try {
      MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
      Bodies bodies = new Bodies();
      collect(message, bodies);
      return new ReceivedMail(
          addresses(message.getFrom(), envelopeFrom),
          addresses(message.getRecipients(Message.RecipientType.TO), envelopeRecipients),
          message.getSubject() == null ? "" : message.getSubject(),
          bodies.text == null ? "" : bodies.text,
          bodies.html,
          receivedAt);
    } catch (MessagingException | IOException | UncheckedIOException e) {
      // Still worth showing: a letter the tool cannot parse is what someone is debugging.
      LOG.warn("Fake mail: could not parse a letter, keeping it raw", e);
      return new ReceivedMail(envelopeFrom, envelopeRecipients, "",
          new String(raw, StandardCharsets.UTF_8), null, receivedAt);
    }
  }

  private static void collect(Part part, Bodies bodies) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        if (!Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
          collect(child, bodies);
        }
      }
    } else if (part.isMimeType("text/plain") && bodies.text == null) {
      bodies.text = decode(part);
    } else if (part.isMimeType("text/html") && bodies.html == null) {
      bodies.html = decode(part);
    }
  }

  /**
   * Decodes a text part with its declared charset, or UTF-8 when it declares none: the platform
   * default (what jakarta.mail would use) is often ASCII on servers. Line breaks become LF.
   */
  private static String decode(Part part) throws MessagingException, IOException {
    Charset charset = StandardCharsets.UTF_8;
    String declared = new ContentType(part.getContentType()).getParameter("charset");
    if (declared != null) {
      try {
        if (Charset.isSupported(declared)) {
          charset = Charset.forName(declared);
        }
      } catch (IllegalCharsetNameException e) {
        // Keep UTF-8.
      }
    }
    String decoded;
    try (InputStream in = part.getInputStream()) {
      decoded = new String(in.readAllBytes(), charset);
    }
    // SMTP turns every line break into CRLF and ends the body with one; give back what was sent.
    String text = decoded.replace("\r\n", "\n");
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  private static String addresses(jakarta.mail.Address[] header, String fallback) {
    if (header == null || header.length == 0) {
      return fallback;
    }
    return InternetAddress.toUnicodeString(header);
  }

  private static final class Bodies {
    private String text;
    private String html;
  }
}
