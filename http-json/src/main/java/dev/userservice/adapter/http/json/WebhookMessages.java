package dev.userservice.adapter.http.json;

import dev.userservice.application.ListWebhookDeliveries;
import dev.userservice.application.RegisterWebhook;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.port.WebhookDelivery;
import dev.userservice.domain.port.WebhookEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code /webhooks} routes' documents: endpoints, their signing secrets (shown once, at
 * creation and rotation), pings and deliveries.
 */
public final class WebhookMessages {

  public record RegisterBody(String url, List<String> eventTypes, String description) {}

  /** An edit: absent (or {@code null}) fields are left as they are. */
  public record EditBody(String url, List<String> eventTypes, String description,
      Boolean enabled) {}

  /**
   * An endpoint as administrators see it, never its secret.
   *
   * @param eventTypes the types it receives; empty for every type
   */
  public record WebhookJson(UUID id, String url, List<String> eventTypes, String description,
      boolean enabled, String disabledReason, int consecutiveFailures, Instant failingSince,
      Instant createdAt, Instant updatedAt) {

    public static WebhookJson from(WebhookEndpoint endpoint) {
      return new WebhookJson(endpoint.id().value(), endpoint.url().toString(),
          endpoint.types().stream().map(EventType::wireName).sorted().toList(),
          endpoint.description(), endpoint.enabled(), endpoint.disabledReason(),
          endpoint.consecutiveFailures(), endpoint.failingSince(), endpoint.createdAt(),
          endpoint.updatedAt());
    }
  }

  /** A new endpoint with its signing secret, the one time it is shown. */
  public record CreatedJson(UUID id, String url, List<String> eventTypes, String description,
      boolean enabled, Instant createdAt, String secret) {

    public static CreatedJson from(RegisterWebhook.Registered registered) {
      WebhookJson json = WebhookJson.from(registered.endpoint());
      return new CreatedJson(json.id(), json.url(), json.eventTypes(), json.description(),
          json.enabled(), json.createdAt(), registered.secret());
    }
  }

  public record ListJson(List<WebhookJson> items) {}

  public record SecretJson(String secret, Instant previousSecretExpiresAt) {}

  public record PingJson(long deliveryId) {}

  public record DeliveryJson(long id, String type, Long eventId, String status, int attempts,
      Integer lastResponseStatus, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
      Instant createdAt) {

    public static DeliveryJson from(WebhookDelivery d) {
      return new DeliveryJson(d.id(), d.type(), d.eventId(), d.status(), d.attempts(),
          d.lastResponseStatus(), d.lastError(), d.lastAttemptAt(), d.nextAttemptAt(),
          d.createdAt());
    }
  }

  private static final Set<String> DELIVERY_PARAMS = Set.of("limit", "cursor");

  private WebhookMessages() {}

  /**
   * The page size of {@code GET /webhooks/{id}/deliveries}: the same range as every other list,
   * 1 to 100, 20 by default; its cursor is {@code query.single("cursor")}.
   *
   * @throws InvalidInputException naming every parameter that is unknown, repeated or invalid
   */
  public static int deliveriesLimit(QueryParameters query) {
    FieldErrors check = new FieldErrors();
    query.requireKnown(DELIVERY_PARAMS, check);
    Integer limit = check.parse(query::limit);
    check.throwIfAny();
    return limit;
  }

  /** A page of deliveries. */
  public static PageJson<DeliveryJson> deliveries(ListWebhookDeliveries.Page page) {
    return new PageJson<>(page.items().stream().map(DeliveryJson::from).toList(),
        page.nextCursor());
  }

  /**
   * The delivery id of a path.
   *
   * @throws InvalidInputException naming {@code delivery} when it is not a number
   */
  public static long deliveryId(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw InvalidInputException.of("delivery", "must be a delivery id");
    }
  }
}
