package dev.userservice.domain.port;

import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of webhook deliveries. Deliveries of events are queued by the store itself,
 * in the transaction that records each event (see {@link WebhookEndpoints}); a worker
 * {@link #claim}s due ones, sends them and records the outcome. Every method may throw
 * {@link UnavailableException}.
 *
 * <p>Order: a delivery about a user is never claimed while an earlier one of the same endpoint
 * about the same user is still pending, so each endpoint receives a user's events in the order
 * they happened (a later event waits behind an earlier one's retries, or its abandonment).
 */
public interface WebhookOutbox {

  /**
   * Takes up to {@code max} deliveries to enabled endpoints that are due at {@code now}, not
   * claimed by anyone else and not held back by the order rule, and hides them from other
   * claimers for {@code lease} (after which an unfinished one, say of a crashed worker, becomes
   * due again). Concurrent claimers never receive the same delivery.
   */
  List<QueuedDelivery> claim(int max, Instant now, Duration lease);

  /** Records a successful attempt answered with {@code status}; the delivery is finished. */
  void markDelivered(long id, int status, Instant now);

  /**
   * Records a failed attempt ({@code status} {@code null} when nothing answered); the delivery
   * becomes due again at {@code retryAt}.
   */
  void markFailed(long id, Integer status, String error, Instant now, Instant retryAt);

  /** Records a failed last attempt; the delivery is given up, kept with its last error. */
  void markAbandoned(long id, Integer status, String error, Instant now);

  /** Queues a ping to {@code endpoint}, due at once; its id. */
  long enqueuePing(WebhookId endpoint, Instant now);

  /** The endpoint's deliveries, newest first, older than {@code beforeId} (all when null). */
  List<WebhookDelivery> deliveries(WebhookId endpoint, Long beforeId, int limit);

  /**
   * Makes a finished (or pending) delivery of {@code endpoint} due again at {@code now}, with a
   * fresh count of attempts.
   *
   * @throws NotFoundException when the endpoint has no such delivery
   */
  void redeliver(WebhookId endpoint, long id, Instant now);

  /** When the oldest delivery still pending to an enabled endpoint was queued; empty if none. */
  Optional<Instant> oldestPending();
}
