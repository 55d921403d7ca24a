package dev.userservice.bootstrap;

import dev.userservice.domain.WebhookId;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.QueuedDelivery;
import dev.userservice.domain.port.WebhookDelivery;
import dev.userservice.domain.port.WebhookOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook outbox as the delivery worker uses it, counting what becomes of each attempt:
 * {@code webhook_delivered_total}, {@code webhook_failed_total} (an attempt failed, the delivery
 * waits for the next), {@code webhook_abandoned_total}; and
 * {@code webhook_outbox_oldest_age_seconds}, how long the oldest delivery still waiting for an
 * enabled endpoint has waited (0 when none waits, NaN while the outbox cannot be read).
 * Everything else passes through unchanged.
 */
final class MeteredWebhookOutbox implements WebhookOutbox {

  private final WebhookOutbox outbox;
  private final Counter delivered;
  private final Counter failed;
  private final Counter abandoned;

  MeteredWebhookOutbox(WebhookOutbox outbox, Clock clock, MeterRegistry registry) {
    this.outbox = outbox;
    this.delivered = Counter.builder("webhook.delivered")
        .description("Webhook deliveries the receiver accepted (2xx)").register(registry);
    this.failed = Counter.builder("webhook.failed")
        .description("Webhook attempts that failed; the delivery is tried again later")
        .register(registry);
    this.abandoned = Counter.builder("webhook.abandoned")
        .description("Webhook deliveries given up").register(registry);
    // Strong: a gauge holds its object weakly (see ProcessMetrics).
    Gauge.builder("webhook.outbox.oldest.age", this,
            metered -> MeteredMailOutbox.ageSeconds(metered.outbox::oldestPending, clock))
        .description("How long the oldest webhook delivery still waiting has waited")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public List<QueuedDelivery> claim(int max, Instant now, Duration lease) {
    return outbox.claim(max, now, lease);
  }

  @Override
  public void markDelivered(long id, int status, Instant now) {
    outbox.markDelivered(id, status, now);
    delivered.increment();
  }

  @Override
  public void markFailed(long id, Integer status, String error, Instant now, Instant retryAt) {
    outbox.markFailed(id, status, error, now, retryAt);
    failed.increment();
  }

  @Override
  public void markAbandoned(long id, Integer status, String error, Instant now) {
    outbox.markAbandoned(id, status, error, now);
    abandoned.increment();
  }

  @Override
  public long enqueuePing(WebhookId endpoint, Instant now) {
    return outbox.enqueuePing(endpoint, now);
  }

  @Override
  public List<WebhookDelivery> deliveries(WebhookId endpoint, Long beforeId, int limit) {
    return outbox.deliveries(endpoint, beforeId, limit);
  }

  @Override
  public void redeliver(WebhookId endpoint, long id, Instant now) {
    outbox.redeliver(endpoint, id, now);
  }

  @Override
  public Optional<Instant> oldestPending() {
    return outbox.oldestPending();
  }
}
