package dev.userservice.spring.web;

import dev.userservice.application.ListAuditEvents;
import dev.userservice.application.ListOwnEvents;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * adapter-http's {@code AuditRoutes}: the audit trail, {@code GET /audit-events} for
 * administrators and {@code GET /users/me/events} for one's own account. Same paths, statuses
 * and bodies (openapi.json).
 */
@RestController
final class AuditController {

  /** An event as administrators see it. */
  record AuditEventJson(long id, String type, Instant occurredAt, UUID userId, String actor,
      UUID actorId, String sessionId, String clientAddress, String userAgent, String requestId,
      Map<String, String> details) {

    static AuditEventJson from(AuditEntry entry) {
      return new AuditEventJson(entry.id(), entry.type().wireName(), entry.at(),
          uuid(entry.subject()), entry.actor().kind().wireName(), uuid(entry.actor().id()),
          entry.session() == null ? null : entry.session().value(), entry.clientAddress(),
          entry.userAgent(), entry.requestId(), entry.details());
    }
  }

  /**
   * An event of the caller's own account: who acted only as a kind (an administrator's id is not
   * the user's to see), no request id.
   */
  record OwnEventJson(long id, String type, Instant occurredAt, String actor, String sessionId,
      String clientAddress, String userAgent, Map<String, String> details) {

    static OwnEventJson from(AuditEntry entry) {
      return new OwnEventJson(entry.id(), entry.type().wireName(), entry.at(),
          entry.actor().kind().wireName(),
          entry.session() == null ? null : entry.session().value(), entry.clientAddress(),
          entry.userAgent(), entry.details());
    }
  }

  record PageJson<T>(List<T> items, String nextCursor) {}

  private static final Set<String> LIST_PARAMS = Set.of("user_id", "actor_id", "type",
      "created_after", "created_before", "limit", "cursor");
  private static final Set<String> OWN_PARAMS = Set.of("limit", "cursor");

  private final UserService useCases;
  private final Caller caller;
  private final ApiJson json;

  AuditController(UserService useCases, Caller caller, ApiJson json) {
    this.useCases = useCases;
    this.caller = caller;
    this.json = json;
  }

  @GetMapping("/audit-events")
  ResponseEntity<byte[]> list(HttpServletRequest request) {
    Actor actor = caller.admin(request);
    FieldErrors check = new FieldErrors();
    requireKnownParams(request, LIST_PARAMS, check);
    UserId subject = check.parse(() ->
        userId(UserController.single(request, "user_id"), "user_id"));
    UserId byActor = check.parse(() ->
        userId(UserController.single(request, "actor_id"), "actor_id"));
    String[] rawTypes = request.getParameterValues("type");
    Set<EventType> types = check.parse(() -> types(rawTypes == null ? List.of()
        : List.of(rawTypes)));
    Instant after = check.parse(() -> UserController.instant(
        UserController.single(request, "created_after"), "created_after"));
    Instant before = check.parse(() -> UserController.instant(
        UserController.single(request, "created_before"), "created_before"));
    Integer limit = check.parse(() ->
        UserController.limit(UserController.single(request, "limit")));
    String cursor = UserController.single(request, "cursor");
    AuditFilter filter = check.isEmpty()
        ? check.parse(() -> new AuditFilter(subject, byActor, types, after, before))
        : null;
    check.throwIfAny();
    ListAuditEvents.Page page = useCases.listAuditEvents().list(
        new ListAuditEvents.Query(actor, filter, cursor, limit));
    return json.respond(HttpStatus.OK, new PageJson<>(
        page.items().stream().map(AuditEventJson::from).toList(), page.nextCursor()));
  }

  @GetMapping("/users/me/events")
  ResponseEntity<byte[]> listOwn(HttpServletRequest request) {
    Actor actor = caller.actor(request);
    FieldErrors check = new FieldErrors();
    requireKnownParams(request, OWN_PARAMS, check);
    Integer limit = check.parse(() ->
        UserController.limit(UserController.single(request, "limit")));
    check.throwIfAny();
    var page = useCases.listOwnEvents().list(
        new ListOwnEvents.Query(actor, UserController.single(request, "cursor"), limit));
    return json.respond(HttpStatus.OK, new PageJson<>(
        page.items().stream().map(OwnEventJson::from).toList(), page.nextCursor()));
  }

  /** Unknown parameters are refused; each but {@code type} may be given once. */
  private static void requireKnownParams(HttpServletRequest request, Set<String> known,
      FieldErrors check) {
    for (Map.Entry<String, String[]> param : request.getParameterMap().entrySet()) {
      if (!known.contains(param.getKey())) {
        check.reject(param.getKey(), "is not a known query parameter");
      } else if (param.getValue().length > 1 && !param.getKey().equals("type")) {
        check.reject(param.getKey(), "must be given at most once");
      }
    }
  }

  private static UserId userId(String raw, String field) {
    return raw == null ? null : UserId.parse(raw, field);
  }

  /** {@code type} repeated, or a comma-separated list, or both; every name must be known. */
  private static Set<EventType> types(List<String> raw) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (String value : raw) {
      for (String name : value.split(",", -1)) {
        if (name.isBlank() && raw.size() == 1 && value.isEmpty()) {
          continue;
        }
        EventType type = EventType.ofWireName(name.strip());
        if (type == null) {
          throw InvalidInputException.of("type", "must be event types, e.g. login_failed");
        }
        types.add(type);
      }
    }
    return types;
  }

  private static UUID uuid(UserId id) {
    return id == null ? null : id.value();
  }
}
