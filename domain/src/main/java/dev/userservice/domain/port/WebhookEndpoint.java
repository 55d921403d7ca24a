package dev.userservice.domain.port;

import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.EventType;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP endpoint that receives events, as an administrator registered it. Its signing secret is
 * not part of it: the store keeps that sealed, and it is shown only when made.
 *
 * @param types the event types it receives; empty for every type
 * @param disabledReason why delivery stopped by itself (a run of failures); {@code null} when
 *     enabled, or disabled by an administrator
 * @param consecutiveFailures failed attempts since the last success
 * @param failingSince when the current run of failures began; {@code null} when the last attempt
 *     succeeded
 */
public record WebhookEndpoint(WebhookId id, URI url, String description, Set<EventType> types,
    boolean enabled, String disabledReason, int consecutiveFailures, Instant failingSince,
    Instant createdAt, Instant updatedAt) {

  public WebhookEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    description = description == null ? "" : description;
    types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Whether an event of {@code type} goes to this endpoint (enabled or not). */
  public boolean receives(EventType type) {
    return types.isEmpty() || types.contains(type);
  }

  /** A new, enabled endpoint. */
  public static WebhookEndpoint register(WebhookId id, URI url, String description,
      Set<EventType> types, Instant now) {
    return new WebhookEndpoint(id, url, description, types, true, null, 0, null, now, now);
  }

  /**
   * This endpoint with what an administrator changed; enabling it again forgets the run of
   * failures that disabled it.
   */
  public WebhookEndpoint edited(URI newUrl, String newDescription, Set<EventType> newTypes,
      boolean nowEnabled, Instant now) {
    boolean reenabled = nowEnabled && !enabled;
    return new WebhookEndpoint(id, newUrl, newDescription, newTypes, nowEnabled,
        nowEnabled ? null : disabledReason, reenabled ? 0 : consecutiveFailures,
        reenabled ? null : failingSince, createdAt, now);
  }
}
