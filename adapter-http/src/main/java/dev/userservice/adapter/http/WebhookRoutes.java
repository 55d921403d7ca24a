package dev.userservice.adapter.http;

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
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The {@code /webhooks} routes, for administrators: endpoints that receive events, their signing
 * secrets (shown once, at creation and rotation), pings, and the history of deliveries.
 */
final class WebhookRoutes {

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
    CreatedJson created = CreatedJson.from(registered);
    ctx.header("Location", "/webhooks/" + created.id());
    ctx.status(HttpStatus.CREATED).json(created);
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
    QueryParameters query = UserRoutes.query(ctx);
    int limit = WebhookMessages.deliveriesLimit(query);
    ListWebhookDeliveries.Page page = useCases.listWebhookDeliveries().list(actor, id,
        query.single("cursor"), limit);
    ctx.json(WebhookMessages.deliveries(page));
  }

  void redeliver(Context ctx) {
    long delivery = WebhookMessages.deliveryId(ctx.pathParam("delivery"));
    useCases.redeliverWebhook().redeliver(RequestAttributes.actor(ctx), id(ctx), delivery);
    ctx.status(HttpStatus.ACCEPTED);
  }

  private static WebhookId id(Context ctx) {
    return WebhookId.parse(ctx.pathParam("id"), "id");
  }
}
