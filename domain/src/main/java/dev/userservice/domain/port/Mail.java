package dev.userservice.domain.port;

import dev.userservice.domain.Email;
import java.time.Instant;
import java.util.Objects;

/**
 * A letter to one recipient, with a plain-text body and an HTML alternative.
 *
 * @param expiresAt when the letter is no longer worth sending, because the code it carries has
 *     expired; {@code null} for a letter that never expires
 */
public record Mail(Email to, String subject, String text, String html, Instant expiresAt) {

  public Mail {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
  }

  /** A letter that never expires. */
  public Mail(Email to, String subject, String text, String html) {
    this(to, subject, text, html, null);
  }

  /** Whether the letter has expired at {@code now} and must not be sent any more. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    // The body carries codes; keep it out of logs.
    return "Mail[to=" + to + ", subject=" + subject + "]";
  }
}
