package dev.userservice.domain.port;

import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook endpoints administrators registered, with their signing secrets, kept only sealed
 * (by the {@link SecretBox}, bound to the endpoint's id). Every write stores the event that
 * records it in the {@link AuditTrail} in the same transaction, as {@link UserRepository} does.
 * Every method may throw {@link UnavailableException}.
 *
 * <p>Once an endpoint is stored, every event the audit trail records from then on, of a type it
 * receives, is queued for it in the {@link WebhookOutbox} in the transaction that records the
 * event, while it is enabled.
 */
public interface WebhookEndpoints {

  /** Stores a new endpoint with its sealed signing secret. */
  void insert(WebhookEndpoint endpoint, byte[] sealedSecret, UserEvent event);

  Optional<WebhookEndpoint> find(WebhookId id);

  /** Every endpoint, oldest first. */
  List<WebhookEndpoint> list();

  /**
   * Stores the changed {@code endpoint} (url, description, types, enabled and what goes with
   * them).
   *
   * @throws NotFoundException when it no longer exists
   */
  void update(WebhookEndpoint endpoint, UserEvent event);

  /**
   * Removes the endpoint and its queued and past deliveries.
   *
   * @throws NotFoundException when there is no such endpoint
   */
  void delete(WebhookId id, UserEvent event);

  /**
   * Makes {@code sealedSecret} the signing secret; the one it replaces still signs, beside it,
   * until {@code previousUntil}.
   *
   * @throws NotFoundException when there is no such endpoint
   */
  void rotateSecret(WebhookId id, byte[] sealedSecret, Instant previousUntil, Instant now,
      UserEvent event);

  /** Records a successful delivery: the run of failures, if any, is over. */
  void recordSuccess(WebhookId id);

  /**
   * Records a failed attempt, atomically: the failure count grows and, when every attempt has
   * failed since at least {@code disableAfter} before {@code now}, the endpoint is disabled with
   * {@code disabled}'s reason, and {@code disabled} is stored with the change.
   *
   * @return whether this failure disabled the endpoint
   */
  boolean recordFailure(WebhookId id, Instant now, Duration disableAfter,
      UserEvent.WebhookDisabled disabled);
}
