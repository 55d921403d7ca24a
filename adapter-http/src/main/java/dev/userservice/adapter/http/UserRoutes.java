package dev.userservice.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.CountUsers;
import dev.userservice.application.DeleteUser;
import dev.userservice.application.EditUser;
import dev.userservice.application.FieldUpdate;
import dev.userservice.application.GetUser;
import dev.userservice.application.InviteUser;
import dev.userservice.application.ListUsers;
import dev.userservice.application.RegisterUser;
import dev.userservice.application.ResendInvitation;
import dev.userservice.application.ResendVerificationCode;
import dev.userservice.application.UserService;
import dev.userservice.application.VerifyEmail;
import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.MetadataMatch;
import dev.userservice.domain.port.UserFilter;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The {@code /users} routes: registration, profiles, administration and email verification. */
final class UserRoutes {

  record RegisterBody(String email, String password, String firstName, String lastName,
      String locale) {}

  record VerifyBody(String code) {}

  record InvitationBody(String email, String role, String firstName, String lastName,
      String locale) {}

  record PageJson(List<UserJson> items, String nextCursor) {}

  record CountJson(long count) {}

  private static final Set<String> EDIT_FIELDS = Set.of("first_name", "last_name", "locale",
      "email", "current_password", "role", "status", "reason", "version", "metadata",
      "app_metadata");
  private static final Set<String> FILTER_PARAMS =
      Set.of("email", "role", "email_verified", "created_after", "created_before", "status",
          MetadataMatch.PARAMETER);
  private static final Set<String> LIST_PARAMS = Set.of("email", "role", "email_verified",
      "created_after", "created_before", "status", MetadataMatch.PARAMETER, "limit", "cursor");

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
    FieldErrors check = new FieldErrors();
    requireKnownParams(ctx, LIST_PARAMS, check);
    UserFilter filter = filter(ctx, check);
    Integer limit = check.parse(() -> limit(single(ctx, "limit")));
    String cursor = single(ctx, "cursor");
    check.throwIfAny();
    ListUsers.Page page = useCases.listUsers().list(
        new ListUsers.Query(actor, filter, cursor, limit));
    ctx.json(new PageJson(page.items().stream().map(UserJson::from).toList(), page.nextCursor()));
  }

  void count(Context ctx) {
    Actor actor = RequestAttributes.actor(ctx);
    FieldErrors check = new FieldErrors();
    requireKnownParams(ctx, FILTER_PARAMS, check);
    UserFilter filter = filter(ctx, check);
    check.throwIfAny();
    ctx.json(new CountJson(useCases.countUsers().count(new CountUsers.Query(actor, filter))));
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

  /**
   * PATCH semantics: an absent field stays as it is; {@code first_name}/{@code last_name} null or
   * empty clears the name. The JSON shape (known fields, their types) is checked here, the values
   * by the command; every error of both is reported at once.
   */
  private EditUser.Command editCommand(Context ctx, Actor actor, UserId target) {
    JsonNode body = bodies.readObject(ctx);
    FieldErrors check = new FieldErrors();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!EDIT_FIELDS.contains(name)) {
        check.reject(name, "is not a known field");
      }
    }
    FieldUpdate<String> first = check.parse(() -> nameUpdate(body, "first_name"));
    FieldUpdate<String> last = check.parse(() -> nameUpdate(body, "last_name"));
    String email = check.parse(() -> text(body, "email"));
    String currentPassword = check.parse(() -> text(body, "current_password"));
    String role = check.parse(() -> text(body, "role"));
    String locale = check.parse(() -> text(body, "locale"));
    String status = check.parse(() -> text(body, "status"));
    String reason = check.parse(() -> text(body, "reason"));
    Long version = check.parse(() -> version(body));
    String metadata = check.parse(() -> object(body, "metadata"));
    String appMetadata = check.parse(() -> object(body, "app_metadata"));
    EditUser.Command command = check.parse(() -> EditUser.Command.parse(actor, target, first, last,
        email, currentPassword, role, locale, status, reason, version,
        RequestAttributes.request(ctx), metadata, appMetadata));
    check.throwIfAny();
    return command;
  }

  /** The JSON text of the object {@code field}; {@code null} when absent. */
  private static String object(JsonNode body, String field) {
    if (!body.has(field)) {
      return null;
    }
    if (!body.get(field).isObject()) {
      throw InvalidInputException.of(field, "must be a JSON object");
    }
    return body.get(field).toString();
  }

  private static FieldUpdate<String> nameUpdate(JsonNode body, String field) {
    if (!body.has(field)) {
      return null;
    }
    JsonNode value = body.get(field);
    if (value.isNull()) {
      return FieldUpdate.to(null);
    }
    if (!value.isTextual()) {
      throw InvalidInputException.of(field, "must be a string or null");
    }
    return FieldUpdate.to(value.textValue());
  }

  /** A string field that may be absent (null) but, when present, must be a string. */
  private static String text(JsonNode body, String field) {
    if (!body.has(field)) {
      return null;
    }
    JsonNode value = body.get(field);
    if (!value.isTextual()) {
      throw InvalidInputException.of(field, "must be a string");
    }
    return value.textValue();
  }

  private static Long version(JsonNode body) {
    if (!body.has("version")) {
      return null;
    }
    JsonNode value = body.get("version");
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw InvalidInputException.of("version", "must be a non-negative integer");
    }
    return value.longValue();
  }

  private static UserId id(Context ctx) {
    return UserId.parse(ctx.pathParam("id"), "id");
  }

  /** The filter, or {@code null} when a parameter does not parse; the filter checks the rest. */
  private static UserFilter filter(Context ctx, FieldErrors check) {
    String email = single(ctx, "email");
    Role role = check.parse(() -> single(ctx, "role") == null ? null
        : Role.parse(single(ctx, "role"), "role"));
    Boolean verified = check.parse(() -> bool(single(ctx, "email_verified"), "email_verified"));
    Instant after = check.parse(() -> instant(single(ctx, "created_after"), "created_after"));
    Instant before = check.parse(() -> instant(single(ctx, "created_before"), "created_before"));
    AccountStatus status = check.parse(() -> single(ctx, "status") == null ? null
        : AccountStatus.parse(single(ctx, "status"), "status"));
    MetadataMatch appMetadata = check.parse(() -> MetadataMatch.fromQuery(ctx.queryParamMap()));
    if (!check.isEmpty()) {
      return null;
    }
    return check.parse(() ->
        new UserFilter(email, role, verified, after, before, status, appMetadata));
  }

  /**
   * Unknown query parameters are refused, and each may be given once; {@code app_metadata} in
   * {@code known} admits its bracketed form ({@link MetadataMatch#isParameter}).
   */
  static void requireKnownParams(Context ctx, Set<String> known, FieldErrors check) {
    for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
      if (!known.contains(param.getKey())
          && !(known.contains(MetadataMatch.PARAMETER)
              && MetadataMatch.isParameter(param.getKey()))) {
        check.reject(param.getKey(), "is not a known query parameter");
      } else if (param.getValue().size() > 1) {
        check.reject(param.getKey(), "must be given at most once");
      }
    }
  }

  static String single(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isEmpty() ? null : value;
  }

  static int limit(String raw) {
    if (raw == null) {
      return ListUsers.DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= ListUsers.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InvalidInputException.of("limit", "must be an integer between 1 and "
        + ListUsers.MAX_LIMIT);
  }

  private static Boolean bool(String raw, String field) {
    if (raw == null) {
      return null;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw InvalidInputException.of(field, "must be true or false");
    };
  }

  static Instant instant(String raw, String field) {
    if (raw == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      throw InvalidInputException.of(field,
          "must be an ISO-8601 date-time with offset, e.g. 2025-01-31T12:00:00Z");
    }
  }
}
