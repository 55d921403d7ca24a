package dev.userservice.domain.port;

import dev.userservice.domain.WebhookId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A delivery claimed from the {@link WebhookOutbox}: what to send where, signed with what.
 *
 * @param sealedSecrets the endpoint's signing secrets, sealed: the current one first, then the
 *     one it replaced while that still signs
 * @param attempts tries made before this one
 * @param event the audit entry to send; {@code null} for a ping
 */
public record QueuedDelivery(long id, WebhookId endpoint, URI url, List<byte[]> sealedSecrets,
    int attempts, Instant createdAt, AuditEntry event) {

  public QueuedDelivery {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(url, "url");
    sealedSecrets = List.copyOf(sealedSecrets);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether this is a ping ({@code POST /webhooks/{id}/test}) rather than an event. */
  public boolean isPing() {
    return event == null;
  }
}
