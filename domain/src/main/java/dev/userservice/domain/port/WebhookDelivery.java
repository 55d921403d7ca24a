package dev.userservice.domain.port;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery as its history shows it.
 *
 * @param type the event type's wire name, or {@code ping}
 * @param eventId the audit entry delivered; {@code null} for a ping
 * @param status {@code pending}, {@code delivered} or {@code abandoned}
 * @param lastResponseStatus the HTTP status of the last attempt; {@code null} when none answered
 * @param nextAttemptAt when it is tried next; {@code null} once finished
 */
public record WebhookDelivery(long id, String type, Long eventId, String status, int attempts,
    Integer lastResponseStatus, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
    Instant createdAt) {

  public WebhookDelivery {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
