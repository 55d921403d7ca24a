package dev.userservice.application;

import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.Mailer;
import dev.userservice.domain.port.QueuedMail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sends what is due in the mail outbox, with retries and exponential backoff. Run by a worker. */
@Singleton
public final class DeliverMail {

  /**
   * How delivery retries.
   *
   * @param maxAttempts tries before a mail is abandoned
   * @param firstRetryDelay delay after the first failure; doubles after each further one
   * @param maxRetryDelay the longest delay between tries
   * @param lease how long a claimed mail is hidden from other workers
   * @param batchSize how many mails one {@link #deliverDue()} call sends at most
   */
  public record Settings(int maxAttempts, Duration firstRetryDelay, Duration maxRetryDelay,
      Duration lease, int batchSize) {

    public static Settings defaults() {
      return new Settings(8, Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofMinutes(2),
          20);
    }

    public Settings withMaxAttempts(int attempts) {
      return new Settings(attempts, firstRetryDelay, maxRetryDelay, lease, batchSize);
    }
  }

  /** The error recorded for a letter abandoned because it expired before it could be sent. */
  static final String EXPIRED = "expired before it could be sent";

  private final MailOutbox outbox;
  private final Mailer mailer;
  private final Clock clock;
  private final Settings settings;

  @Inject
  DeliverMail(MailOutbox outbox, Mailer mailer, Clock clock, Settings settings) {
    this.outbox = outbox;
    this.mailer = mailer;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Claims the mails that are due and tries each once, all through one {@link Mailer#batch}
   * (one connection to the mail server): sent ones are marked sent; failed ones are
   * retried later ({@code firstRetryDelay} doubled per earlier try, capped), or abandoned with the
   * last error after {@code maxAttempts} tries. A mail whose {@link
   * dev.userservice.domain.port.Mail#expiresAt() expiry} has passed is abandoned unsent.
   *
   * @return how many mails were sent
   * @throws UnavailableException when the outbox itself cannot be reached
   */
  public int deliverDue() {
    List<QueuedMail> due = outbox.claim(settings.batchSize(), clock.now(), settings.lease());
    if (due.isEmpty()) {
      return 0;
    }
    int sent = 0;
    try (Mailer.Batch batch = mailer.batch()) {
      for (QueuedMail queued : due) {
        if (queued.mail().isExpiredAt(clock.now())) {
          // The code it carries no longer works: sending it would only spread a dead secret.
          outbox.markAbandoned(queued.id(), EXPIRED, clock.now());
          continue;
        }
        try {
          batch.send(queued.mail());
          outbox.markSent(queued.id(), clock.now());
          sent++;
        } catch (UnavailableException e) {
          recordFailure(queued, describe(e));
        }
      }
    }
    return sent;
  }

  private void recordFailure(QueuedMail queued, String error) {
    int attempts = queued.attempts() + 1;
    Instant now = clock.now();
    if (attempts >= settings.maxAttempts()) {
      outbox.markAbandoned(queued.id(), error, now);
    } else {
      outbox.markFailed(queued.id(), error, now.plus(backoff(attempts)));
    }
  }

  private Duration backoff(int failures) {
    Duration delay = settings.firstRetryDelay().multipliedBy(1L << Math.min(failures - 1, 20));
    return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
  }

  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 500 ? message.substring(0, 500) : message;
  }
}
