package dev.userservice.adapter.http.console;

import dev.userservice.adapter.http.json.AuditMessages;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.DeleteClient;
import dev.userservice.application.EditWebhook;
import dev.userservice.application.ListAuditEvents;
import dev.userservice.application.ListWebhookDeliveries;
import dev.userservice.application.RegisterClient;
import dev.userservice.application.RegisterWebhook;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.WebhookDelivery;
import dev.userservice.domain.port.WebhookEndpoint;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The console's pages beyond users: the audit trail with its filters ({@link ListAuditEvents}),
 * service accounts (OAuth clients: list, create with the secret shown once, delete) and webhooks
 * (list, create with the secret shown once, disable and enable, the latest delivery).
 */
final class OperatorPages {

  private final UserService useCases;
  private final Templates templates;
  private final Function<Context, RequestContext> requests;

  OperatorPages(UserService useCases, Templates templates,
      Function<Context, RequestContext> requests) {
    this.useCases = useCases;
    this.templates = templates;
    this.requests = requests;
  }

  /** {@code GET /admin/events}: the audit trail, newest first, filtered as the API's. */
  void events(Context ctx, ConsoleGate.SignedIn signedIn) {
    Map<String, String> filters = Forms.filters(ctx, "user_id", "actor_id", "type",
        "created_from", "created_to");
    ListAuditEvents.Page page = useCases.listAuditEvents().list(
        AuditMessages.listQuery(signedIn.actor(), Forms.apiQuery(ctx, filters)));
    Map<String, Object> model = AdminConsole.model(signedIn, "Events", "events");
    model.put("filters", filters);
    List<Map<String, Object>> types = new ArrayList<>();
    for (String type : Arrays.stream(EventType.values()).map(EventType::wireName)
        .collect(Collectors.toCollection(TreeSet::new))) {
      types.add(Map.of("name", type, "selected", type.equals(filters.get("type"))));
    }
    model.put("types", types);
    model.put("events", eventRows(page.items()));
    model.put("none", page.items().isEmpty());
    if (page.nextCursor() != null) {
      model.put("next", AdminConsole.ROOT + "/events?" + Forms.query(filters, "cursor",
          page.nextCursor()));
    }
    templates.render(ctx, 200, "events", model);
  }

  /** Audit entries as the pages' tables show them. */
  static List<Map<String, Object>> eventRows(List<AuditEntry> entries) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AuditEntry entry : entries) {
      Map<String, Object> row = new HashMap<>();
      row.put("at", Forms.time(entry.at()));
      row.put("type", entry.type().wireName());
      row.put("subject", entry.subject() == null ? null : entry.subject().toString());
      row.put("actorKind", entry.actor().kind().name().toLowerCase(Locale.ROOT));
      row.put("actorId", entry.actor().id() == null ? null : entry.actor().id().toString());
      row.put("address", entry.clientAddress());
      row.put("details", entry.details().entrySet().stream()
          .map(detail -> detail.getKey() + ": " + detail.getValue())
          .collect(Collectors.joining(", ")));
      rows.add(row);
    }
    return rows;
  }

  /** {@code GET /admin/clients}. */
  void clients(Context ctx, ConsoleGate.SignedIn signedIn) {
    renderClients(ctx, signedIn, 200, null, null, ctx.queryParam("done"));
  }

  /** {@code POST /admin/clients}: the secret is shown in this answer, and never again. */
  void createClient(Context ctx, ConsoleGate.SignedIn signedIn) {
    RegisterClient.Registered registered = useCases.registerClient().register(
        new RegisterClient.Command(signedIn.actor(), ctx.formParam("name"),
            Forms.blankToNull(ctx.formParam("scope")), requests.apply(ctx)));
    Map<String, Object> created = Map.of("id", registered.client().id().toString(),
        "secret", registered.secret());
    renderClients(ctx, signedIn, 201, created, null, null);
  }

  /** {@code POST /admin/clients/{clientId}/delete}. */
  void deleteClient(Context ctx, ConsoleGate.SignedIn signedIn) {
    useCases.deleteClient().delete(new DeleteClient.Command(signedIn.actor(),
        ctx.pathParam("clientId"), requests.apply(ctx)));
    ctx.redirect(AdminConsole.ROOT + "/clients?done=deleted", HttpStatus.SEE_OTHER);
  }

  void clientsRefused(Context ctx, ConsoleGate.SignedIn signedIn, int status, String message) {
    renderClients(ctx, signedIn, status, null, message, null);
  }

  private void renderClients(Context ctx, ConsoleGate.SignedIn signedIn, int status,
      Map<String, Object> created, String error, String done) {
    Actor actor = signedIn.actor();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (OAuthClient client : useCases.listClients().list(
        new ActorRequest(actor, requests.apply(ctx)))) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", client.id().toString());
      row.put("name", client.name());
      row.put("scope", client.scopes().text());
      row.put("created", Forms.time(client.createdAt()));
      rows.add(row);
    }
    Map<String, Object> model = AdminConsole.model(signedIn, "Service accounts", "clients");
    model.put("clients", rows);
    model.put("none", rows.isEmpty());
    model.put("created", created);
    model.put("error", error);
    model.put("done", "deleted".equals(done) ? "The service account was deleted." : null);
    templates.render(ctx, status, "clients", model);
  }

  /** {@code GET /admin/webhooks}. */
  void webhooks(Context ctx, ConsoleGate.SignedIn signedIn) {
    renderWebhooks(ctx, signedIn, 200, null, null, ctx.queryParam("done"));
  }

  /** {@code POST /admin/webhooks}: the signing secret is shown in this answer, and never again. */
  void createWebhook(Context ctx, ConsoleGate.SignedIn signedIn) {
    List<String> types = ctx.formParams("types").stream()
        .flatMap(field -> Arrays.stream(field.split("[\\s,]+")))
        .filter(type -> !type.isBlank()).toList();
    RegisterWebhook.Registered registered = useCases.registerWebhook().register(
        RegisterWebhook.Command.parse(signedIn.actor(), ctx.formParam("url"), types,
            Forms.blankToNull(ctx.formParam("description")), requests.apply(ctx)));
    Map<String, Object> created = Map.of("url", registered.endpoint().url().toString(),
        "secret", registered.secret());
    renderWebhooks(ctx, signedIn, 201, created, null, null);
  }

  /** {@code POST /admin/webhooks/{webhookId}/enabled}: {@code enabled} true or false. */
  void enableWebhook(Context ctx, ConsoleGate.SignedIn signedIn) {
    boolean enabled = "true".equals(Forms.required(ctx, "enabled"));
    useCases.editWebhook().edit(EditWebhook.Command.parse(signedIn.actor(),
        WebhookId.parse(ctx.pathParam("webhookId"), "id"), null, null, null, enabled,
        requests.apply(ctx)));
    ctx.redirect(AdminConsole.ROOT + "/webhooks?done=" + (enabled ? "enabled" : "disabled"),
        HttpStatus.SEE_OTHER);
  }

  void webhooksRefused(Context ctx, ConsoleGate.SignedIn signedIn, int status, String message) {
    renderWebhooks(ctx, signedIn, status, null, message, null);
  }

  private void renderWebhooks(Context ctx, ConsoleGate.SignedIn signedIn, int status,
      Map<String, Object> created, String error, String done) {
    Actor actor = signedIn.actor();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (WebhookEndpoint endpoint : useCases.listWebhooks().list(actor)) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", endpoint.id().toString());
      row.put("url", endpoint.url().toString());
      row.put("description", endpoint.description());
      row.put("types", endpoint.types().isEmpty() ? "every event" : endpoint.types().stream()
          .map(EventType::wireName).sorted().collect(Collectors.joining(", ")));
      row.put("enabled", endpoint.enabled());
      row.put("disabledReason", endpoint.disabledReason());
      row.put("failures", endpoint.consecutiveFailures() == 0 ? null
          : endpoint.consecutiveFailures());
      ListWebhookDeliveries.Page latest = useCases.listWebhookDeliveries().list(actor,
          endpoint.id(), null, 1);
      if (!latest.items().isEmpty()) {
        WebhookDelivery delivery = latest.items().get(0);
        row.put("lastDelivery", delivery.status() + (delivery.lastResponseStatus() == null ? ""
            : " (HTTP " + delivery.lastResponseStatus() + ")") + ", "
            + Forms.time(delivery.createdAt()));
      }
      rows.add(row);
    }
    Map<String, Object> model = AdminConsole.model(signedIn, "Webhooks", "webhooks");
    model.put("webhooks", rows);
    model.put("none", rows.isEmpty());
    model.put("created", created);
    model.put("error", error);
    model.put("done", "enabled".equals(done) ? "The webhook was enabled."
        : "disabled".equals(done) ? "The webhook was disabled." : null);
    templates.render(ctx, status, "webhooks", model);
  }
}
