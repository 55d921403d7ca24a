package dev.userservice.spring.web;

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
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * adapter-http's {@code WebhookRoutes}, for administrators: endpoints that receive events, their
 * signing secrets (shown once, at creation and rotation), pings, and the history of deliveries.
 * Same paths, statuses and bodies (openapi.json).
 */
@RestController
final class WebhookController {

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
  private final Caller caller;
  private final ApiJson json;

  WebhookController(UserService useCases, Caller caller, ApiJson json) {
    this.useCases = useCases;
    this.caller = caller;
    this.json = json;
  }

  @PostMapping("/webhooks")
  ResponseEntity<byte[]> register(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.admin(request);
    RegisterBody body = json.read(request.getContentType(), raw, RegisterBody.class);
    RegisterWebhook.Registered registered = useCases.registerWebhook().register(
        RegisterWebhook.Command.parse(actor, body.url(), body.eventTypes(), body.description(),
            Caller.context(request)));
    WebhookJson created = WebhookJson.from(registered.endpoint());
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.LOCATION, "/webhooks/" + created.id())
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.bytes(new CreatedJson(created.id(), created.url(), created.eventTypes(),
            created.description(), created.enabled(), created.createdAt(),
            registered.secret())));
  }

  @GetMapping("/webhooks")
  ResponseEntity<byte[]> list(HttpServletRequest request) {
    return json.respond(HttpStatus.OK, new ListJson(useCases.listWebhooks()
        .list(caller.admin(request)).stream().map(WebhookJson::from).toList()));
  }

  @GetMapping("/webhooks/{id}")
  ResponseEntity<byte[]> get(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    return json.respond(HttpStatus.OK,
        WebhookJson.from(useCases.getWebhook().get(actor, id(id))));
  }

  @PatchMapping("/webhooks/{id}")
  ResponseEntity<byte[]> edit(HttpServletRequest request, @PathVariable("id") String id,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.admin(request);
    WebhookId webhook = id(id);
    EditBody body = json.read(request.getContentType(), raw, EditBody.class);
    return json.respond(HttpStatus.OK, WebhookJson.from(useCases.editWebhook().edit(
        EditWebhook.Command.parse(actor, webhook, body.url(), body.eventTypes(),
            body.description(), body.enabled(), Caller.context(request)))));
  }

  @DeleteMapping("/webhooks/{id}")
  ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    useCases.deleteWebhook().delete(actor, id(id), Caller.context(request));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/webhooks/{id}/rotate-secret")
  ResponseEntity<byte[]> rotateSecret(HttpServletRequest request,
      @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    RotateWebhookSecret.Rotated rotated = useCases.rotateWebhookSecret().rotate(actor, id(id),
        Caller.context(request));
    return json.respond(HttpStatus.OK,
        new SecretJson(rotated.secret(), rotated.previousValidUntil()));
  }

  @PostMapping("/webhooks/{id}/test")
  ResponseEntity<byte[]> test(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    return json.respond(HttpStatus.ACCEPTED,
        new PingJson(useCases.testWebhook().ping(actor, id(id))));
  }

  @GetMapping("/webhooks/{id}/deliveries")
  ResponseEntity<byte[]> deliveries(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    WebhookId webhook = id(id);
    FieldErrors check = new FieldErrors();
    UserController.requireKnownParams(request, DELIVERY_PARAMS, check);
    // The same range as every other list: 1 to 100, 20 by default.
    Integer limit = check.parse(() ->
        UserController.limit(UserController.single(request, "limit")));
    check.throwIfAny();
    ListWebhookDeliveries.Page page = useCases.listWebhookDeliveries().list(actor, webhook,
        UserController.single(request, "cursor"), limit);
    return json.respond(HttpStatus.OK, new DeliveryPageJson(
        page.items().stream().map(DeliveryJson::from).toList(), page.nextCursor()));
  }

  @PostMapping("/webhooks/{id}/deliveries/{delivery}/redeliver")
  ResponseEntity<Void> redeliver(HttpServletRequest request, @PathVariable("id") String id,
      @PathVariable("delivery") String delivery) {
    Actor actor = caller.admin(request);
    long deliveryId;
    try {
      deliveryId = Long.parseLong(delivery);
    } catch (NumberFormatException e) {
      throw InvalidInputException.of("delivery", "must be a delivery id");
    }
    useCases.redeliverWebhook().redeliver(actor, id(id), deliveryId);
    return ResponseEntity.status(HttpStatus.ACCEPTED).build();
  }

  private static WebhookId id(String raw) {
    return WebhookId.parse(raw, "id");
  }
}
