package dev.userservice.domain.port;

import dev.userservice.domain.Email;
import dev.userservice.domain.UnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of mail to send. Use cases {@link #enqueue} and return; a delivery worker
 * {@link #claim}s, sends through the {@link Mailer} and records the outcome. Every method may
 * throw {@link UnavailableException}.
 *
 * <p>Letters carry codes, so an outbox that stores them durably keeps their bodies encrypted
 * (under the service's secret, see {@link SecretBox}) while they wait, and forgets the bodies as
 * soon as a letter is sent or abandoned: only recipient, subject, status and times remain, until
 * {@link #prune} removes them. A letter comes back from {@link #claim} exactly as it was queued,
 * {@link Mail#expiresAt()} included.
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

  /** Records a successful delivery; the mail is never claimed again and its body is forgotten. */
  void markSent(long id, Instant now);

  /** Records a failed try; the mail becomes due again at {@code retryAt}. */
  void markFailed(long id, String error, Instant retryAt);

  /**
   * Records that delivery was given up (after too many tries, or because the letter expired);
   * kept with its last error, its body forgotten.
   */
  void markAbandoned(long id, String error, Instant now);

  /** How many mails are waiting to be sent (not sent, not abandoned). */
  long pending();

  /**
   * When the oldest mail still waiting to be sent (not sent, not abandoned) was queued; empty
   * when none waits. Its age is how far delivery lags behind.
   */
  Optional<Instant> oldestPending();

  /**
   * Removes every mail that was sent or abandoned before {@code finishedBefore}; pending mail is
   * never removed. Safe to run on several instances at once.
   *
   * @return how many mails were removed
   */
  int prune(Instant finishedBefore);

  /**
   * Removes every letter to {@code recipient}, waiting or finished, so nothing queued for a
   * deleted account is sent after it and no record of its letters outlives it. A letter being
   * sent at that moment may still arrive.
   *
   * @return how many letters were removed
   */
  int discardLettersTo(Email recipient);
}
