package dev.userservice.adapter.http;

import dev.userservice.adapter.http.json.QueryParameters;
import dev.userservice.adapter.http.json.UserJson;
import dev.userservice.adapter.http.json.UserMessages;
import dev.userservice.adapter.http.json.UserMessages.CountJson;
import dev.userservice.adapter.http.json.UserMessages.InvitationBody;
import dev.userservice.adapter.http.json.UserMessages.RegisterBody;
import dev.userservice.adapter.http.json.UserMessages.VerifyBody;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.CountUsers;
import dev.userservice.application.DeleteUser;
import dev.userservice.application.EditUser;
import dev.userservice.application.GetUser;
import dev.userservice.application.InviteUser;
import dev.userservice.application.ListUsers;
import dev.userservice.application.RegisterUser;
import dev.userservice.application.ResendInvitation;
import dev.userservice.application.UserService;
import dev.userservice.application.VerifyEmail;
import dev.userservice.domain.Actor;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The {@code /users} routes: registration, profiles, administration and email verification. */
final class UserRoutes {

  static final String NDJSON = "application/x-ndjson";

  private final UserService useCases;
  private final JsonBodies bodies;
  private final UserImportStream imports;

  UserRoutes(UserService useCases, JsonBodies bodies, UserImportStream imports) {
    this.useCases = useCases;
    this.bodies = bodies;
    this.imports = imports;
  }

  void register(Context ctx) {
    RegisterBody body = bodies.read(ctx, RegisterBody.class);
    User user = useCases.registerUser().register(new RegisterUser.Command(body.email(),
        body.password(), body.firstName(), body.lastName(), body.locale(),
        ctx.header(Header.ACCEPT_LANGUAGE), RequestAttributes.request(ctx)));
    ctx.header("Location", "/users/" + user.id());
    ctx.status(HttpStatus.CREATED).json(UserJson.from(user));
  }

  /**
   * Streams the NDJSON body through the import and the answers back as they come; once answers
   * are out, a failure can only end the stream (its last line says so), not become a problem.
   */
  void importUsers(Context ctx) throws IOException {
    JsonBodies.requireMediaType(ctx, NDJSON, "NDJSON");
    ctx.status(HttpStatus.OK).contentType(NDJSON);
    try {
      imports.run(useCases.importUsers(), RequestAttributes.actor(ctx),
          RequestAttributes.request(ctx), ctx.req().getInputStream(), ctx.outputStream());
    } catch (UserImportStream.Aborted | UncheckedIOException ended) {
      // Answered already (or the client went away): nothing more can be said.
      ctx.header("Connection", "close");
    }
  }

  void getOwn(Context ctx) {
    ctx.json(UserJson.from(useCases.getOwnProfile().get(RequestAttributes.actor(ctx))));
  }

  void editOwn(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    ctx.json(UserJson.from(useCases.editUser().edit(editCommand(ctx, actor, actor.id()))));
  }

  void get(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    ctx.json(UserJson.from(useCases.getUser().get(new GetUser.Query(actor, id(ctx)))));
  }

  void edit(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    UserId target = id(ctx);
    ctx.json(UserJson.from(useCases.editUser().edit(editCommand(ctx, actor, target))));
  }

  void invite(Context ctx) {
    InvitationBody body = bodies.read(ctx, InvitationBody.class);
    User user = useCases.inviteUser().invite(new InviteUser.Command(RequestAttributes.actor(ctx),
        body.email(), body.role(), body.firstName(), body.lastName(), body.locale(),
        RequestAttributes.request(ctx)));
    ctx.header("Location", "/users/" + user.id());
    ctx.status(HttpStatus.CREATED).json(UserJson.from(user));
  }

  void resendInvitation(Context ctx) {
    ctx.json(UserJson.from(useCases.resendInvitation().resend(new ResendInvitation.Command(
        RequestAttributes.actor(ctx), id(ctx), RequestAttributes.request(ctx)))));
  }

  void delete(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    useCases.deleteUser().delete(
        new DeleteUser.Command(actor, id(ctx), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  void list(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    ListUsers.Query query = UserMessages.listQuery(actor, query(ctx));
    ctx.json(UserMessages.page(useCases.listUsers().list(query)));
  }

  void count(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    CountUsers.Query query = UserMessages.countQuery(actor, query(ctx));
    ctx.json(new CountJson(useCases.countUsers().count(query)));
  }

  void resendCode(Context ctx) {
    useCases.resendVerificationCode().resend(new ActorRequest(
        RequestAttributes.actor(ctx), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.ACCEPTED);
  }

  void verify(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    VerifyBody body = bodies.read(ctx, VerifyBody.class);
    ctx.json(UserJson.from(useCases.verifyEmail().verify(
        new VerifyEmail.Command(actor, body.code(), RequestAttributes.request(ctx)))));
  }

  /** PATCH semantics ({@link UserMessages#editCommand}); every error is reported at once. */
  private EditUser.Command editCommand(Context ctx, Actor actor, UserId target) {
    return UserMessages.editCommand(bodies.readObject(ctx), actor, target,
        RequestAttributes.request(ctx));
  }

  private static UserId id(Context ctx) {
    return UserId.parse(ctx.pathParam("id"), "id");
  }

  /** The query's parameters, for the parsing shared with the Spring Boot starter. */
  static QueryParameters query(Context ctx) {
    return new QueryParameters(ctx.queryParamMap());
  }
}
