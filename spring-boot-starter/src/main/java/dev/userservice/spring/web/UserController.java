package dev.userservice.spring.web;

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
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * The {@code /users} routes of adapter-http's {@code UserRoutes} that the starter serves:
 * registration, the own profile, its edits and its verification, and the reads, edits, listing,
 * count and deletion of others' profiles. Same paths, statuses and bodies (openapi.json).
 */
@RestController
final class UserController {

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

  private final UserService useCases;
  private final Caller caller;
  private final ApiJson json;

  UserController(UserService useCases, Caller caller, ApiJson json) {
    this.useCases = useCases;
    this.caller = caller;
    this.json = json;
  }

  @PostMapping("/users")
  ResponseEntity<byte[]> register(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    RegisterBody body = json.read(request.getContentType(), raw, RegisterBody.class);
    User user = useCases.registerUser().register(new RegisterUser.Command(body.email(),
        body.password(), body.firstName(), body.lastName(), body.locale(),
        request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), Caller.context(request)));
    return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION,
        "/users/" + user.id()).contentType(MediaType.APPLICATION_JSON)
        .body(json.bytes(UserJson.from(user)));
  }

  @GetMapping("/users/me")
  ResponseEntity<byte[]> getOwn(HttpServletRequest request) {
    return json.respond(HttpStatus.OK,
        UserJson.from(useCases.getOwnProfile().get(caller.actor(request))));
  }

  @PatchMapping("/users/me")
  ResponseEntity<byte[]> editOwn(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    return json.respond(HttpStatus.OK, UserJson.from(useCases.editUser().edit(
        editCommand(request, raw, actor, actor.id()))));
  }

  @PostMapping("/users/me/verification-code")
  ResponseEntity<Void> resendCode(HttpServletRequest request) {
    useCases.resendVerificationCode().resend(
        new ActorRequest(caller.actor(request), Caller.context(request)));
    return ResponseEntity.status(HttpStatus.ACCEPTED).build();
  }

  @PostMapping("/users/me/verification")
  ResponseEntity<byte[]> verify(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    VerifyBody body = json.read(request.getContentType(), raw, VerifyBody.class);
    return json.respond(HttpStatus.OK, UserJson.from(useCases.verifyEmail().verify(
        new VerifyEmail.Command(actor, body.code(), Caller.context(request)))));
  }

  @GetMapping("/users/{id}")
  ResponseEntity<byte[]> get(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.actor(request);
    return json.respond(HttpStatus.OK, UserJson.from(
        useCases.getUser().get(new GetUser.Query(actor, UserId.parse(id, "id")))));
  }

  @PatchMapping("/users/{id}")
  ResponseEntity<byte[]> edit(HttpServletRequest request, @PathVariable("id") String id,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    UserId target = UserId.parse(id, "id");
    return json.respond(HttpStatus.OK, UserJson.from(useCases.editUser().edit(
        editCommand(request, raw, actor, target))));
  }

  @PostMapping("/users/invitations")
  ResponseEntity<byte[]> invite(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.admin(request);
    InvitationBody body = json.read(request.getContentType(), raw, InvitationBody.class);
    User user = useCases.inviteUser().invite(new InviteUser.Command(actor, body.email(),
        body.role(), body.firstName(), body.lastName(), body.locale(), Caller.context(request)));
    return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION,
        "/users/" + user.id()).contentType(MediaType.APPLICATION_JSON)
        .body(json.bytes(UserJson.from(user)));
  }

  @PostMapping("/users/{id}/invitation")
  ResponseEntity<byte[]> resendInvitation(HttpServletRequest request,
      @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    return json.respond(HttpStatus.OK, UserJson.from(useCases.resendInvitation().resend(
        new ResendInvitation.Command(actor, UserId.parse(id, "id"), Caller.context(request)))));
  }

  @DeleteMapping("/users/{id}")
  ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    useCases.deleteUser().delete(
        new DeleteUser.Command(actor, UserId.parse(id, "id"), Caller.context(request)));
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/users")
  ResponseEntity<byte[]> list(HttpServletRequest request) {
    Actor actor = caller.admin(request);
    FieldErrors check = new FieldErrors();
    requireKnownParams(request, LIST_PARAMS, check);
    UserFilter filter = filter(request, check);
    Integer limit = check.parse(() -> limit(single(request, "limit")));
    String cursor = single(request, "cursor");
    check.throwIfAny();
    ListUsers.Page page = useCases.listUsers().list(
        new ListUsers.Query(actor, filter, cursor, limit));
    return json.respond(HttpStatus.OK,
        new PageJson(page.items().stream().map(UserJson::from).toList(), page.nextCursor()));
  }

  @GetMapping("/users/count")
  ResponseEntity<byte[]> count(HttpServletRequest request) {
    Actor actor = caller.admin(request);
    FieldErrors check = new FieldErrors();
    requireKnownParams(request, FILTER_PARAMS, check);
    UserFilter filter = filter(request, check);
    check.throwIfAny();
    return json.respond(HttpStatus.OK,
        new CountJson(useCases.countUsers().count(new CountUsers.Query(actor, filter))));
  }

  /**
   * PATCH semantics: an absent field stays as it is; {@code first_name}/{@code last_name} null or
   * empty clears the name. The JSON shape (known fields, their types) is checked here, the values
   * by the command; every error of both is reported at once.
   */
  private EditUser.Command editCommand(HttpServletRequest request, byte[] raw, Actor actor,
      UserId target) {
    JsonNode body = json.readObject(request.getContentType(), raw);
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
        email, currentPassword, role, locale, status, reason, version, Caller.context(request),
        metadata, appMetadata));
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

  /** The filter, or {@code null} when a parameter does not parse; the filter checks the rest. */
  private static UserFilter filter(HttpServletRequest request, FieldErrors check) {
    String email = single(request, "email");
    Role role = check.parse(() -> single(request, "role") == null ? null
        : Role.parse(single(request, "role"), "role"));
    Boolean verified = check.parse(() -> bool(single(request, "email_verified"),
        "email_verified"));
    Instant after = check.parse(() -> instant(single(request, "created_after"),
        "created_after"));
    Instant before = check.parse(() -> instant(single(request, "created_before"),
        "created_before"));
    AccountStatus status = check.parse(() -> single(request, "status") == null ? null
        : AccountStatus.parse(single(request, "status"), "status"));
    MetadataMatch appMetadata = check.parse(() -> MetadataMatch.fromQuery(parameters(request)));
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
  static void requireKnownParams(HttpServletRequest request, Set<String> known,
      FieldErrors check) {
    for (Map.Entry<String, String[]> param : request.getParameterMap().entrySet()) {
      if (!known.contains(param.getKey())
          && !(known.contains(MetadataMatch.PARAMETER)
              && MetadataMatch.isParameter(param.getKey()))) {
        check.reject(param.getKey(), "is not a known query parameter");
      } else if (param.getValue().length > 1) {
        check.reject(param.getKey(), "must be given at most once");
      }
    }
  }

  /** The query's parameters as the domain reads them: each name with its values. */
  static Map<String, List<String>> parameters(HttpServletRequest request) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
    return parameters;
  }

  static String single(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
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
