package dev.userservice.adapter.http.json;

import dev.userservice.application.ListAuditEvents;
import dev.userservice.application.ListOwnEvents;
import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditFilter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The audit trail's documents ({@code GET /audit-events} for administrators,
 * {@code GET /users/me/events}) and the queries their parameters parse into.
 */
public final class AuditMessages {

  /** An event as administrators see it. */
  public record AuditEventJson(long id, String type, Instant occurredAt, UUID userId,
      String actor, UUID actorId, String sessionId, String clientAddress, String userAgent,
      String requestId, Map<String, String> details) {

    public static AuditEventJson from(AuditEntry entry) {
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
  public record OwnEventJson(long id, String type, Instant occurredAt, String actor,
      String sessionId, String clientAddress, String userAgent, Map<String, String> details) {

    public static OwnEventJson from(AuditEntry entry) {
      return new OwnEventJson(entry.id(), entry.type().wireName(), entry.at(),
          entry.actor().kind().wireName(),
          entry.session() == null ? null : entry.session().value(), entry.clientAddress(),
          entry.userAgent(), entry.details());
    }
  }

  private static final Set<String> LIST_PARAMS = Set.of("user_id", "actor_id", "type",
      "created_after", "created_before", "limit", "cursor");
  private static final Set<String> OWN_PARAMS = Set.of("limit", "cursor");
  // Event types may be asked for one by one: type=a&type=b.
  private static final Set<String> REPEATABLE = Set.of("type");

  private AuditMessages() {}

  /**
   * The query of {@code GET /audit-events}: the filter, {@code limit} and {@code cursor}.
   *
   * @throws InvalidInputException naming every parameter that is unknown, repeated or invalid
   */
  public static ListAuditEvents.Query listQuery(Actor actor, QueryParameters query) {
    FieldErrors check = new FieldErrors();
    query.requireKnown(LIST_PARAMS, REPEATABLE, check);
    UserId subject = check.parse(() -> userId(query.single("user_id"), "user_id"));
    UserId byActor = check.parse(() -> userId(query.single("actor_id"), "actor_id"));
    Set<EventType> types = check.parse(() -> types(query.all("type")));
    Instant after = check.parse(() -> query.instant("created_after"));
    Instant before = check.parse(() -> query.instant("created_before"));
    Integer limit = check.parse(query::limit);
    String cursor = query.single("cursor");
    AuditFilter filter = check.isEmpty()
        ? check.parse(() -> new AuditFilter(subject, byActor, types, after, before))
        : null;
    check.throwIfAny();
    return new ListAuditEvents.Query(actor, filter, cursor, limit);
  }

  /**
   * The query of {@code GET /users/me/events}: {@code limit} and {@code cursor}.
   *
   * @throws InvalidInputException naming every parameter that is unknown, repeated or invalid
   */
  public static ListOwnEvents.Query ownQuery(Actor actor, QueryParameters query) {
    FieldErrors check = new FieldErrors();
    query.requireKnown(OWN_PARAMS, check);
    Integer limit = check.parse(query::limit);
    check.throwIfAny();
    return new ListOwnEvents.Query(actor, query.single("cursor"), limit);
  }

  /** A page of the audit trail as administrators see it. */
  public static PageJson<AuditEventJson> page(ListAuditEvents.Page page) {
    return new PageJson<>(page.items().stream().map(AuditEventJson::from).toList(),
        page.nextCursor());
  }

  /** A page of the caller's own events. */
  public static PageJson<OwnEventJson> ownPage(ListAuditEvents.Page page) {
    return new PageJson<>(page.items().stream().map(OwnEventJson::from).toList(),
        page.nextCursor());
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
