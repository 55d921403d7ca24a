package dev.userservice.domain.port;

import dev.userservice.domain.UnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable queue of mail to send. Use cases {@link #enqueue} and return; a delivery worker
 * {@link #claim}s, sends through the {@link Mailer} and records the outcome. Every method may
 * throw {@link UnavailableException}.
 */
public interface MailOutbox {

  /** Queues {@code mail} for delivery as soon as possible; returns its id. */
  long enqueue(Mail mail, Instant now);

  /**
   * Takes up to {@code max} mails that are due at {@code now} and not claimed by anyone else, and
   * hides them from other claimers for {@code lease} (after which an unfinished mail, say of a
   * crashed worker, becomes due again). Concurrent claimers never receive the same mail.
   */
  List<QueuedMail> claim(int max, Instant now, Duration lease);

  /** Records a successful delivery; the mail is never claimed again. */
  void markSent(long id, Instant now);

  /** Records a failed try; the mail becomes due again at {@code retryAt}. */
  void markFailed(long id, String error, Instant retryAt);

  /** Records that delivery was given up after too many tries; kept with its last error. */
  void markAbandoned(long id, String error, Instant now);

  /** How many mails are waiting to be sent (not sent, not abandoned). */
  long pending();
}
