package dev.userservice.adapter.smtp;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how {@link SmtpMailer} delivers.
 *
 * @param host the SMTP server
 * @param port its port (25, 587 for STARTTLS, 465 for TLS, 1025 for the fake server)
 * @param username the login, or {@code null} (or blank) to send without authenticating
 * @param password the password for {@code username}; never shown by {@link #toString()}
 * @param security how the connection is protected
 * @param from the sender, e.g. {@code no-reply@example.com} or {@code Example <no-reply@…>}
 * @param fromName the sender's display name when {@code from} has none ({@code "Example"} makes
 *     {@code Example <no-reply@example.com>}); {@code null} or blank for none
 * @param connectTimeout how long to wait for the connection; {@code null} for 5 seconds
 * @param readTimeout how long to wait for each server reply and each write; {@code null} for 10
 *     seconds
 */
public record SmtpSettings(
    String host,
    int port,
    String username,
    String password,
    Security security,
    String from,
    String fromName,
    Duration connectTimeout,
    Duration readTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  public SmtpSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("SMTP host is required");
    }
    host = host.strip();
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("SMTP port must be 1..65535, was " + port);
    }
    username = username == null || username.isBlank() ? null : username.strip();
    if (username == null && password != null && !password.isEmpty()) {
      throw new IllegalArgumentException("an SMTP password needs an SMTP username");
    }
    if (username != null && password == null) {
      password = "";
    }
    if (username == null) {
      password = null;
    }
    Objects.requireNonNull(security, "security");
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("the sender address (from) is required");
    }
    from = from.strip();
    fromName = fromName == null || fromName.isBlank() ? null : fromName.strip();
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
    readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "readTimeout");
  }

  /** Settings without a display name for the sender beyond what {@code from} holds. */
  public SmtpSettings(String host, int port, String username, String password, Security security,
      String from, Duration connectTimeout, Duration readTimeout) {
    this(host, port, username, password, security, from, null, connectTimeout, readTimeout);
  }

  /** A server without authentication or encryption (a local relay, the fake server). */
  public static SmtpSettings plain(String host, int port, String from) {
    return new SmtpSettings(host, port, null, null, Security.NONE, from, null, null);
  }

  /** Whether to log in before sending. */
  public boolean authenticates() {
    return username != null;
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be positive and below 24 days, was " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", security=" + security
        + ", from=" + from + ", fromName=" + fromName + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout
        + "]";
  }

  /** How the connection to the server is protected. */
  public enum Security {
    /** Plain text; for a local relay or the fake server only. */
    NONE,
    /** Plain connect, then STARTTLS, which is required: never falls back to plain text. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    TLS;

    /** Reads {@code none}, {@code starttls} or {@code tls} (any case); blank means none. */
    public static Security parse(String value) {
      if (value == null || value.isBlank()) {
        return NONE;
      }
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "none" -> NONE;
        case "starttls" -> STARTTLS;
        case "tls" -> TLS;
        default -> throw new IllegalArgumentException(
            "SMTP security must be none, starttls or tls, was '" + value + "'");
      };
    }
  }
}
