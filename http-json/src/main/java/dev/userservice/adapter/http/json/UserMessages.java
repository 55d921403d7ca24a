package dev.userservice.adapter.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.application.CountUsers;
import dev.userservice.application.EditUser;
import dev.userservice.application.FieldUpdate;
import dev.userservice.application.ListUsers;
import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.MetadataMatch;
import dev.userservice.domain.port.UserFilter;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/**
 * The {@code /users} routes' documents, and the edit body and list filter they parse into the
 * use cases' commands and queries: every error of the shape and of the values reported at once.
 */
public final class UserMessages {

  public record RegisterBody(String email, String password, String firstName, String lastName,
      String locale) {}

  public record VerifyBody(String code) {}

  public record InvitationBody(String email, String role, String firstName, String lastName,
      String locale) {}

  public record CountJson(long count) {}

  private static final Set<String> EDIT_FIELDS = Set.of("first_name", "last_name", "locale",
      "email", "current_password", "role", "status", "reason", "version", "metadata",
      "app_metadata");
  private static final Set<String> FILTER_PARAMS =
      Set.of("email", "role", "email_verified", "created_after", "created_before", "status",
          MetadataMatch.PARAMETER);
  private static final Set<String> LIST_PARAMS = Set.of("email", "role", "email_verified",
      "created_after", "created_before", "status", MetadataMatch.PARAMETER, "limit", "cursor");

  private UserMessages() {}

  /** A page of users as {@code GET /users} answers it. */
  public static PageJson<UserJson> page(ListUsers.Page page) {
    return new PageJson<>(page.items().stream().map(UserJson::from).toList(), page.nextCursor());
  }

  /**
   * The query of {@code GET /users}: the filter, {@code limit} and {@code cursor}.
   *
   * @throws InvalidInputException naming every parameter that is unknown, repeated or invalid
   */
  public static ListUsers.Query listQuery(Actor actor, QueryParameters query) {
    FieldErrors check = new FieldErrors();
    query.requireKnown(LIST_PARAMS, check);
    UserFilter filter = filter(query, check);
    Integer limit = check.parse(query::limit);
    String cursor = query.single("cursor");
    check.throwIfAny();
    return new ListUsers.Query(actor, filter, cursor, limit);
  }

  /**
   * The query of {@code GET /users/count}: the filter alone.
   *
   * @throws InvalidInputException naming every parameter that is unknown, repeated or invalid
   */
  public static CountUsers.Query countQuery(Actor actor, QueryParameters query) {
    FieldErrors check = new FieldErrors();
    query.requireKnown(FILTER_PARAMS, check);
    UserFilter filter = filter(query, check);
    check.throwIfAny();
    return new CountUsers.Query(actor, filter);
  }

  /**
   * The command of a {@code PATCH} of a profile, with PATCH semantics: an absent field stays as
   * it is; {@code first_name}/{@code last_name} null or empty clears the name. The JSON shape
   * (known fields, their types) is checked here, the values by the command.
   *
   * @param body the request body, a JSON object ({@link StrictJson#readObject})
   * @throws InvalidInputException naming every field that is unknown, of the wrong type or invalid
   */
  public static EditUser.Command editCommand(JsonNode body, Actor actor, UserId target,
      RequestContext request) {
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
        email, currentPassword, role, locale, status, reason, version, request, metadata,
        appMetadata));
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
  private static UserFilter filter(QueryParameters query, FieldErrors check) {
    String email = query.single("email");
    Role role = check.parse(() -> query.single("role") == null ? null
        : Role.parse(query.single("role"), "role"));
    Boolean verified = check.parse(() -> query.bool("email_verified"));
    Instant after = check.parse(() -> query.instant("created_after"));
    Instant before = check.parse(() -> query.instant("created_before"));
    AccountStatus status = check.parse(() -> query.single("status") == null ? null
        : AccountStatus.parse(query.single("status"), "status"));
    MetadataMatch appMetadata = check.parse(() -> MetadataMatch.fromQuery(query.asMap()));
    if (!check.isEmpty()) {
      return null;
    }
    return check.parse(() ->
        new UserFilter(email, role, verified, after, before, status, appMetadata));
  }
}
