package dev.userservice.adapter.http.console;

import dev.userservice.adapter.http.json.UserMessages;
import dev.userservice.application.DeleteUser;
import dev.userservice.application.EditUser;
import dev.userservice.application.EndSession;
import dev.userservice.application.FieldUpdate;
import dev.userservice.application.GetUser;
import dev.userservice.application.ListAuditEvents;
import dev.userservice.application.ListSessions;
import dev.userservice.application.ListUsers;
import dev.userservice.application.RequestPasswordReset;
import dev.userservice.application.ResendVerificationCode;
import dev.userservice.application.ResetTotp;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.TotpFactor;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.AuditFilter;
import dev.userservice.domain.port.SessionInfo;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The console's users: the list (the API's filters and keyset paging, through {@link ListUsers}
 * and its cursor), one user's page (profile, status, verification, second factor, sessions and
 * recent events) and its actions, each through the use case the API calls, which records its
 * event with the administrator as the actor and enforces every rule (the last administrator
 * among them).
 */
final class UserPages {

  private static final int RECENT_EVENTS = 10;
  /** What each action says once done (the {@code done} of the page it leads back to). */
  private static final Map<String, String> DONE = Map.of(
      "names", "The names were saved.",
      "role", "The role was changed; the user's sessions were ended.",
      "suspended", "The account was suspended; its sessions were ended.",
      "reactivated", "The account was reactivated.",
      "verification", "A new verification code was mailed.",
      "reset", "A password-reset code is being mailed.",
      "second-factor", "The second factor was reset.",
      "session", "The session was ended.",
      "sessions", "Every session was ended.",
      "deleted", "The user was deleted.");

  private final UserService useCases;
  private final Templates templates;
  private final Function<Context, RequestContext> requests;

  UserPages(UserService useCases, Templates templates,
      Function<Context, RequestContext> requests) {
    this.useCases = useCases;
    this.templates = templates;
    this.requests = requests;
  }

  /** {@code GET /admin/users}: search and filters as the API's, one page at a time. */
  void list(Context ctx, ConsoleGate.SignedIn signedIn) {
    Map<String, String> filters = Forms.filters(ctx, "email", "role", "email_verified",
        "status", "created_from", "created_to");
    ListUsers.Page page = useCases.listUsers().list(UserMessages.listQuery(signedIn.actor(),
        Forms.apiQuery(ctx, filters)));

    Map<String, Object> model = AdminConsole.model(signedIn, "Users", "users");
    model.put("filters", filters);
    model.put("selected", Forms.selected(filters, "role", "email_verified", "status"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (User user : page.items()) {
      rows.add(row(user));
    }
    model.put("users", rows);
    model.put("none", rows.isEmpty());
    if (page.nextCursor() != null) {
      model.put("next", AdminConsole.ROOT + "/users?" + Forms.query(filters, "cursor",
          page.nextCursor()));
    }
    model.put("done", done(ctx));
    templates.render(ctx, 200, "users", model);
  }

  /** {@code GET /admin/users/{id}}. */
  void show(Context ctx, ConsoleGate.SignedIn signedIn) {
    render(ctx, signedIn, 200, done(ctx), null);
  }

  /** Shows a refused action on the user's page, or on the list when the user is gone. */
  void refused(Context ctx, ConsoleGate.SignedIn signedIn, int status, String message) {
    try {
      render(ctx, signedIn, status, null, message);
    } catch (NotFoundException | InvalidInputException gone) {
      Map<String, Object> model = AdminConsole.model(signedIn, "Error " + status, "users");
      model.put("error", message);
      templates.render(ctx, status, "message", model);
    }
  }

  private void render(Context ctx, ConsoleGate.SignedIn signedIn, int status, String done,
      String error) {
    Actor actor = signedIn.actor();
    UserId id = id(ctx);
    User user = useCases.getUser().get(new GetUser.Query(actor, id));
    Map<String, Object> model = AdminConsole.model(signedIn, user.email().value(), "users");
    model.put("user", row(user));
    model.put("firstName", user.firstName().map(PersonName::value).orElse(""));
    model.put("lastName", user.lastName().map(PersonName::value).orElse(""));
    model.put("version", user.version());
    model.put("statusReason", user.statusReason().map(Object::toString).orElse(null));
    model.put("verifiedAt", user.emailVerifiedAt().map(Forms::time).orElse(null));
    model.put("secondFactor", user.totp().filter(TotpFactor::isConfirmed).isPresent());
    model.put("isAdmin", user.isAdmin());
    model.put("isActive", user.isActive());
    model.put("self", actor.is(user.id()));
    List<Map<String, Object>> sessions = new ArrayList<>();
    for (SessionInfo session : useCases.listSessions().list(new ListSessions.Query(actor, id))) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", session.session().value());
      row.put("started", Forms.time(session.createdAt()));
      row.put("lastUsed", Forms.time(session.lastRefreshedAt()));
      row.put("expires", Forms.time(session.expiresAt()));
      row.put("address", session.origin().clientAddress());
      row.put("agent", session.origin().userAgent());
      row.put("secondFactor", session.origin().methods().secondFactor());
      row.put("current", session.session().equals(actor.session()));
      sessions.add(row);
    }
    model.put("sessions", sessions);
    model.put("noSessions", sessions.isEmpty());
    ListAuditEvents.Page events = useCases.listAuditEvents().list(new ListAuditEvents.Query(
        actor, new AuditFilter(id, null, Set.of(), null, null), null, RECENT_EVENTS));
    model.put("events", OperatorPages.eventRows(events.items()));
    model.put("noEvents", events.items().isEmpty());
    model.put("done", done);
    model.put("error", error);
    templates.render(ctx, status, "user", model);
  }

  /** {@code POST /admin/users/{id}/names}. */
  void editNames(Context ctx, ConsoleGate.SignedIn signedIn) {
    edit(ctx, signedIn, Forms.blankToNull(ctx.formParam("first_name")),
        Forms.blankToNull(ctx.formParam("last_name")), null, null, null, true);
    done(ctx, "names");
  }

  /** {@code POST /admin/users/{id}/role}. */
  void changeRole(Context ctx, ConsoleGate.SignedIn signedIn) {
    edit(ctx, signedIn, null, null, Forms.required(ctx, "role"), null, null, false);
    done(ctx, "role");
  }

  /** {@code POST /admin/users/{id}/status}: suspend (with a reason) or reactivate. */
  void changeStatus(Context ctx, ConsoleGate.SignedIn signedIn) {
    String status = Forms.required(ctx, "status");
    boolean suspend = status.equals("disabled");
    edit(ctx, signedIn, null, null, null, status,
        suspend ? Forms.blankToNull(ctx.formParam("reason")) : null, false);
    done(ctx, suspend ? "suspended" : "reactivated");
  }

  private void edit(Context ctx, ConsoleGate.SignedIn signedIn, String firstName,
      String lastName, String role, String status, String reason, boolean names) {
    useCases.editUser().edit(EditUser.Command.parse(signedIn.actor(), id(ctx),
        names ? FieldUpdate.to(firstName) : null, names ? FieldUpdate.to(lastName) : null, null,
        null, role, null, status, reason, Forms.version(ctx), requests.apply(ctx)));
  }

  /** {@code POST /admin/users/{id}/verification-code}. */
  void resendVerification(Context ctx, ConsoleGate.SignedIn signedIn) {
    useCases.resendVerificationCode().resend(new ResendVerificationCode.Command(
        signedIn.actor(), id(ctx), requests.apply(ctx)));
    done(ctx, "verification");
  }

  /** {@code POST /admin/users/{id}/password-reset}: the reset the user could ask for. */
  void sendPasswordReset(Context ctx, ConsoleGate.SignedIn signedIn) {
    useCases.requestPasswordReset().request(new RequestPasswordReset.ForUser(signedIn.actor(),
        id(ctx), requests.apply(ctx)));
    done(ctx, "reset");
  }

  /** {@code POST /admin/users/{id}/second-factor/reset}. */
  void resetSecondFactor(Context ctx, ConsoleGate.SignedIn signedIn) {
    useCases.resetTotp().reset(new ResetTotp.Command(signedIn.actor(), id(ctx),
        requests.apply(ctx)));
    done(ctx, "second-factor");
  }

  /** {@code GET /admin/users/{id}/delete}: the confirmation step. */
  void confirmDelete(Context ctx, ConsoleGate.SignedIn signedIn) {
    User user = useCases.getUser().get(new GetUser.Query(signedIn.actor(), id(ctx)));
    Map<String, Object> model = AdminConsole.model(signedIn, "Delete " + user.email().value(),
        "users");
    model.put("user", row(user));
    templates.render(ctx, 200, "delete-user", model);
  }

  /** {@code POST /admin/users/{id}/delete}: only with the confirmation ticked. */
  void delete(Context ctx, ConsoleGate.SignedIn signedIn) {
    if (!"yes".equals(ctx.formParam("confirm"))) {
      throw InvalidInputException.of("confirm",
          "must be ticked to delete the user");
    }
    useCases.deleteUser().delete(new DeleteUser.Command(signedIn.actor(), id(ctx),
        requests.apply(ctx)));
    ctx.redirect(AdminConsole.ROOT + "/users?done=deleted", HttpStatus.SEE_OTHER);
  }

  /** {@code POST /admin/users/{id}/sessions/{sid}/end}. */
  void endSession(Context ctx, ConsoleGate.SignedIn signedIn) {
    useCases.endSession().end(new EndSession.Command(signedIn.actor(), id(ctx),
        ctx.pathParam("sid"), requests.apply(ctx)));
    done(ctx, "session");
  }

  /** {@code POST /admin/users/{id}/sessions/end-all}: each live session, one by one. */
  void endAllSessions(Context ctx, ConsoleGate.SignedIn signedIn) {
    Actor actor = signedIn.actor();
    UserId id = id(ctx);
    for (SessionInfo session : useCases.listSessions().list(new ListSessions.Query(actor, id))) {
      useCases.endSession().end(new EndSession.Command(actor, id, session.session(),
          requests.apply(ctx)));
    }
    done(ctx, "sessions");
  }

  /** What the action that led here did, in words; {@code null} when none did. */
  private static String done(Context ctx) {
    String what = ctx.queryParam("done");
    return what == null ? null : DONE.get(what);
  }

  private static void done(Context ctx, String what) {
    ctx.redirect(AdminConsole.ROOT + "/users/" + id(ctx) + "?done=" + what, HttpStatus.SEE_OTHER);
  }

  private static Map<String, Object> row(User user) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", user.id().toString());
    row.put("email", user.email().value());
    String name = (user.firstName().map(PersonName::value).orElse("") + " "
        + user.lastName().map(PersonName::value).orElse("")).strip();
    row.put("name", name.isEmpty() ? null : name);
    row.put("role", user.role().name());
    row.put("verified", user.isEmailVerified());
    row.put("active", user.isActive());
    row.put("status", user.status().wireName());
    row.put("created", Forms.time(user.createdAt()));
    return row;
  }

  private static UserId id(Context ctx) {
    return UserId.parse(ctx.pathParam("id"), "id");
  }
}
