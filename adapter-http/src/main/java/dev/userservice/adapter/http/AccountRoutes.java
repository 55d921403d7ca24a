package dev.userservice.adapter.http;

import dev.userservice.adapter.http.json.AccountMessages.DeletionBody;
import dev.userservice.adapter.http.json.AccountMessages.ExportJson;
import dev.userservice.adapter.http.json.AccountMessages.SessionListJson;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.DeleteOwnAccount;
import dev.userservice.application.EndSession;
import dev.userservice.application.ExportOwnData;
import dev.userservice.application.ListSessions;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.SessionInfo;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * What users control of their own account, and administrators of anyone's: the sessions
 * ({@code /users/me/sessions}, {@code /users/{id}/sessions}), self-service deletion
 * ({@code DELETE /users/me}) and the data export ({@code GET /users/me/export}).
 */
final class AccountRoutes {

  private final UserService useCases;
  private final JsonBodies bodies;

  AccountRoutes(UserService useCases, JsonBodies bodies) {
    this.useCases = useCases;
    this.bodies = bodies;
  }

  void listOwnSessions(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    listSessions(ctx, actor, actor.id());
  }

  void listSessions(Context ctx) {
    listSessions(ctx, RequestAttributes.actor(ctx), id(ctx));
  }

  void endOwnSession(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    endSession(ctx, actor, actor.id());
  }

  void endSession(Context ctx) {
    endSession(ctx, RequestAttributes.actor(ctx), id(ctx));
  }

  void deleteOwn(Context ctx) {
    DeletionBody body = bodies.read(ctx, DeletionBody.class);
    useCases.deleteOwnAccount().delete(new DeleteOwnAccount.Command(RequestAttributes.actor(ctx),
        body.currentPassword(), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  void export(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    ExportOwnData.Export export = useCases.exportOwnData().export(
        new ActorRequest(actor, RequestAttributes.request(ctx)));
    ctx.header("Content-Disposition", "attachment; filename=\"user-data.json\"");
    ctx.json(ExportJson.from(export, actor));
  }

  private void listSessions(Context ctx, Actor actor, UserId target) {
    List<SessionInfo> live = useCases.listSessions().list(new ListSessions.Query(actor, target));
    ctx.json(SessionListJson.from(live, actor));
  }

  private void endSession(Context ctx, Actor actor, UserId target) {
    useCases.endSession().end(new EndSession.Command(actor, target, ctx.pathParam("sid"),
        RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private static UserId id(Context ctx) {
    return UserId.parse(ctx.pathParam("id"), "id");
  }
}
