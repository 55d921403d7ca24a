package dev.userservice.bootstrap;

import dev.userservice.domain.Email;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.QueuedMail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The mail outbox as the delivery worker uses it, counting what becomes of each try:
 * {@code mail_sent_total}, {@code mail_failed_total} (a try failed, the letter waits for the
 * next), {@code mail_abandoned_total}; and {@code mail_outbox_oldest_age_seconds}, how long the
 * oldest letter still waiting has waited (0 when none waits, NaN while the outbox cannot be
 * read). Everything else passes through unchanged.
 */
final class MeteredMailOutbox implements MailOutbox {

  private final MailOutbox outbox;
  private final Counter sent;
  private final Counter failed;
  private final Counter abandoned;

  MeteredMailOutbox(MailOutbox outbox, Clock clock, MeterRegistry registry) {
    this.outbox = outbox;
    this.sent = Counter.builder("mail.sent").description("Letters the SMTP server accepted")
        .register(registry);
    this.failed = Counter.builder("mail.failed")
        .description("Delivery tries that failed; the letter is tried again later")
        .register(registry);
    this.abandoned = Counter.builder("mail.abandoned")
        .description("Letters given up (too many tries, or expired)").register(registry);
    // Strong: a gauge holds its object weakly (see ProcessMetrics).
    Gauge.builder("mail.outbox.oldest.age", this, metered -> metered.oldestAgeSeconds(clock))
        .description("How long the oldest letter still waiting has waited")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  private double oldestAgeSeconds(Clock clock) {
    return ageSeconds(outbox::oldestPending, clock);
  }

  /**
   * How long ago {@code oldest} says the oldest waiting item was queued, in seconds: 0 when
   * none waits, NaN when the outbox cannot be read. Shared with {@link MeteredWebhookOutbox}.
   */
  static double ageSeconds(Supplier<Optional<Instant>> oldest, Clock clock) {
    try {
      return oldest.get()
          .map(queued -> Duration.between(queued, clock.now()).toMillis() / 1000.0)
          .map(age -> Math.max(0, age))
          .orElse(0.0);
    } catch (RuntimeException unreachable) {
      return Double.NaN;
    }
  }

  @Override
  public long enqueue(Mail mail, Instant now) {
    return outbox.enqueue(mail, now);
  }

  @Override
  public List<QueuedMail> claim(int max, Instant now, Duration lease) {
    return outbox.claim(max, now, lease);
  }

  @Override
  public void markSent(long id, Instant now) {
    outbox.markSent(id, now);
    sent.increment();
  }

  @Override
  public void markFailed(long id, String error, Instant retryAt) {
    outbox.markFailed(id, error, retryAt);
    failed.increment();
  }

  @Override
  public void markAbandoned(long id, String error, Instant now) {
    outbox.markAbandoned(id, error, now);
    abandoned.increment();
  }

  @Override
  public long pending() {
    return outbox.pending();
  }

  @Override
  public Optional<Instant> oldestPending() {
    return outbox.oldestPending();
  }

  @Override
  public int prune(Instant finishedBefore) {
    return outbox.prune(finishedBefore);
  }

  @Override
  public int discardLettersTo(Email recipient) {
    return outbox.discardLettersTo(recipient);
  }
}
