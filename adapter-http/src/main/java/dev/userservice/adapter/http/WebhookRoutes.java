package dev.userservice.adapter.http;

import dev.userservice.application.EditWebhook;
import dev.userservice.application.ListWebhookDeliveries;
import dev.userservice.application.RegisterWebhook;
import dev.userservice.application.RotateWebhookSecret;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.port.WebhookDelivery;
import dev.userservice.domain.port.WebhookEndpoint;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code /webhooks} routes, for administrators: endpoints that receive events, their signing
 * secrets (shown once, at creation and rotation), pings, and the history of deliveries.
 */
final class WebhookRoutes {

  record RegisterBody(String url, List<String> eventTypes, String description) {}

  /** An edit: absent (or {@code null}) fields are left as they are. */
  record EditBody(String url, List<String> eventTypes, String description, Boolean enabled) {}

  /**
   * An endpoint as administrators see it, never its secret.
   *
   * @param eventTypes the types it receives; empty for every type
   */
  record WebhookJson(UUID id, String url, List<String> eventTypes, String description,
      boolean enabled, String disabledReason, int consecutiveFailures, Instant failingSince,
      Instant createdAt, Instant updatedAt) {

    static WebhookJson from(WebhookEndpoint endpoint) {
      return new WebhookJson(endpoint.id().value(), endpoint.url().toString(),
          endpoint.types().stream().map(EventType::wireName).sorted().toList(),
          endpoint.description(), endpoint.enabled(), endpoint.disabledReason(),
          endpoint.consecutiveFailures(), endpoint.failingSince(), endpoint.createdAt(),
          endpoint.updatedAt());
    }
  }

  /** A new endpoint with its signing secret, the one time it is shown. */
  record CreatedJson(UUID id, String url, List<String> eventTypes, String description,
      boolean enabled, Instant createdAt, String secret) {}

  record ListJson(List<WebhookJson> items) {}

  record SecretJson(String secret, Instant previousSecretExpiresAt) {}

  record PingJson(long deliveryId) {}

  record DeliveryJson(long id, String type, Long eventId, String status, int attempts,
      Integer lastResponseStatus, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
      Instant createdAt) {

    static DeliveryJson from(WebhookDelivery d) {
      return new DeliveryJson(d.id(), d.type(), d.eventId(), d.status(), d.attempts(),
          d.lastResponseStatus(), d.lastError(), d.lastAttemptAt(), d.nextAttemptAt(),
          d.createdAt());
    }
  }

  record DeliveryPageJson(List<DeliveryJson> items, String nextCursor) {}

  private static final Set<String> DELIVERY_PARAMS = Set.of("limit", "cursor");

  private final UserService useCases;
  private final JsonBodies bodies;

  WebhookRoutes(UserService useCases, JsonBodies bodies) {
    this.useCases = useCases;
    this.bodies = bodies;
  }

  void register(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    RegisterBody body = bodies.read(ctx, RegisterBody.class);
    RegisterWebhook.Registered registered = useCases.registerWebhook().register(
        RegisterWebhook.Command.parse(actor, body.url(), body.eventTypes(), body.description(),
            RequestAttributes.request(ctx)));
    WebhookJson json = WebhookJson.from(registered.endpoint());
    ctx.header("Location", "/webhooks/" + json.id());
    ctx.status(HttpStatus.CREATED).json(new CreatedJson(json.id(), json.url(), json.eventTypes(),
        json.description(), json.enabled(), json.createdAt(), registered.secret()));
  }

  void list(Context ctx) {
    ctx.json(new ListJson(useCases.listWebhooks().list(RequestAttributes.actor(ctx)).stream()
        .map(WebhookJson::from).toList()));
  }

  void get(Context ctx) {
    ctx.json(WebhookJson.from(useCases.getWebhook().get(RequestAttributes.actor(ctx), id(ctx))));
  }

  void edit(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    WebhookId id = id(ctx);
    EditBody body = bodies.read(ctx, EditBody.class);
    ctx.json(WebhookJson.from(useCases.editWebhook().edit(EditWebhook.Command.parse(actor, id,
        body.url(), body.eventTypes(), body.description(), body.enabled(),
        RequestAttributes.request(ctx)))));
  }

  void delete(Context ctx) {
    useCases.deleteWebhook().delete(RequestAttributes.actor(ctx), id(ctx),
        RequestAttributes.request(ctx));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  void rotateSecret(Context ctx) {
    RotateWebhookSecret.Rotated rotated = useCases.rotateWebhookSecret().rotate(
        RequestAttributes.actor(ctx), id(ctx), RequestAttributes.request(ctx));
    ctx.json(new SecretJson(rotated.secret(), rotated.previousValidUntil()));
  }

  void test(Context ctx) {
    long delivery = useCases.testWebhook().ping(RequestAttributes.actor(ctx), id(ctx));
    ctx.status(HttpStatus.ACCEPTED).json(new PingJson(delivery));
  }

  void deliveries(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    WebhookId id = id(ctx);
    FieldErrors check = new FieldErrors();
    UserRoutes.requireKnownParams(ctx, DELIVERY_PARAMS, check);
    // The same range as every other list: 1 to 100, 20 by default.
    Integer limit = check.parse(() -> UserRoutes.limit(UserRoutes.single(ctx, "limit")));
    check.throwIfAny();
    ListWebhookDeliveries.Page page = useCases.listWebhookDeliveries().list(actor, id,
        UserRoutes.single(ctx, "cursor"), limit);
    ctx.json(new DeliveryPageJson(page.items().stream().map(DeliveryJson::from).toList(),
        page.nextCursor()));
  }

  void redeliver(Context ctx) {
    long delivery;
    try {
      delivery = Long.parseLong(ctx.pathParam("delivery"));
    } catch (NumberFormatException e) {
      throw InvalidInputException.of("delivery", "must be a delivery id");
    }
    useCases.redeliverWebhook().redeliver(RequestAttributes.actor(ctx), id(ctx), delivery);
    ctx.status(HttpStatus.ACCEPTED);
  }

  private static WebhookId id(Context ctx) {
    return WebhookId.parse(ctx.pathParam("id"), "id");
  }
}
