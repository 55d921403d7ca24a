package dev.userservice.adapter.http;

import dev.userservice.adapter.http.json.AuditMessages;
import dev.userservice.application.ListAuditEvents;
import dev.userservice.application.ListOwnEvents;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import io.javalin.http.Context;

/** The audit trail: {@code GET /audit-events} for administrators, {@code GET /users/me/events}. */
final class AuditRoutes {

  private final UserService useCases;

  AuditRoutes(UserService useCases) {
    this.useCases = useCases;
  }

  void list(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    ListAuditEvents.Query query = AuditMessages.listQuery(actor, UserRoutes.query(ctx));
    ctx.json(AuditMessages.page(useCases.listAuditEvents().list(query)));
  }

  void listOwn(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    ListOwnEvents.Query query = AuditMessages.ownQuery(actor, UserRoutes.query(ctx));
    ctx.json(AuditMessages.ownPage(useCases.listOwnEvents().list(query)));
  }
}
