package dev.userservice.spring.web;

import dev.userservice.adapter.http.json.QueryParameters;
import dev.userservice.adapter.http.json.WebhookMessages;
import dev.userservice.adapter.http.json.WebhookMessages.CreatedJson;
import dev.userservice.adapter.http.json.WebhookMessages.EditBody;
import dev.userservice.adapter.http.json.WebhookMessages.ListJson;
import dev.userservice.adapter.http.json.WebhookMessages.PingJson;
import dev.userservice.adapter.http.json.WebhookMessages.RegisterBody;
import dev.userservice.adapter.http.json.WebhookMessages.SecretJson;
import dev.userservice.adapter.http.json.WebhookMessages.WebhookJson;
import dev.userservice.application.EditWebhook;
import dev.userservice.application.ListWebhookDeliveries;
import dev.userservice.application.RegisterWebhook;
import dev.userservice.application.RotateWebhookSecret;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.WebhookId;
import jakarta.servlet.http.HttpServletRequest;
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
    CreatedJson created = CreatedJson.from(registered);
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.LOCATION, "/webhooks/" + created.id())
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.bytes(created));
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
    QueryParameters query = UserController.query(request);
    int limit = WebhookMessages.deliveriesLimit(query);
    ListWebhookDeliveries.Page page = useCases.listWebhookDeliveries().list(actor, webhook,
        query.single("cursor"), limit);
    return json.respond(HttpStatus.OK, WebhookMessages.deliveries(page));
  }

  @PostMapping("/webhooks/{id}/deliveries/{delivery}/redeliver")
  ResponseEntity<Void> redeliver(HttpServletRequest request, @PathVariable("id") String id,
      @PathVariable("delivery") String delivery) {
    Actor actor = caller.admin(request);
    long deliveryId = WebhookMessages.deliveryId(delivery);
    useCases.redeliverWebhook().redeliver(actor, id(id), deliveryId);
    return ResponseEntity.status(HttpStatus.ACCEPTED).build();
  }

  private static WebhookId id(String raw) {
    return WebhookId.parse(raw, "id");
  }
}
