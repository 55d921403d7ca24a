package dev.userservice.application;

import java.time.Duration;

/**
 * How webhooks are delivered.
 *
 * @param maxAttempts tries before a delivery is abandoned
 * @param firstRetryDelay delay after the first failure; doubles after each further one, with
 *     jitter
 * @param maxRetryDelay the longest delay between tries, also the most a {@code Retry-After} is
 *     honoured for
 * @param lease how long a claimed delivery is hidden from other workers; a delivery is sent only
 *     in the first half of its lease, so one send must take less than half of it (the sender's
 *     timeout)
 * @param batchSize how many deliveries one {@link DeliverWebhooks#deliverDue()} sends at most
 * @param disableAfter how long every attempt to an endpoint must have failed before it is
 *     disabled
 * @param secretGrace how long a rotated-out signing secret still signs, beside the new one
 */
public record WebhookSettings(int maxAttempts, Duration firstRetryDelay, Duration maxRetryDelay,
    Duration lease, int batchSize, Duration disableAfter, Duration secretGrace) {

  public WebhookSettings {
    if (maxAttempts < 1 || batchSize < 1) {
      throw new IllegalArgumentException("maxAttempts and batchSize must be positive");
    }
  }

  public static WebhookSettings defaults() {
    return new WebhookSettings(8, Duration.ofSeconds(5), Duration.ofHours(1),
        Duration.ofMinutes(5), 20, Duration.ofDays(3), Duration.ofHours(24));
  }

  /** These settings with what {@code WEBHOOK_*} variables may change. */
  public WebhookSettings with(int attempts, Duration disableAfterFailing, Duration grace) {
    return new WebhookSettings(attempts, firstRetryDelay, maxRetryDelay, lease, batchSize,
        disableAfterFailing, grace);
  }
}
