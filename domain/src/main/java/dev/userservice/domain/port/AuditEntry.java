package dev.userservice.domain.port;

import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event as the audit trail keeps it: the event's fields, flattened, and the trail's own id.
 *
 * @param id unique within the trail; with {@code at} the sort key of pages
 */
public record AuditEntry(long id, Instant at, EventType type, UserId subject, Initiator actor,
    SessionId session, String clientAddress, String userAgent, String requestId,
    Map<String, String> details) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    details = Map.copyOf(details);
  }

  /** {@code event} as stored under {@code id}. */
  public static AuditEntry of(long id, UserEvent event) {
    UserEvent.Meta meta = event.meta();
    return new AuditEntry(id, meta.at(), event.type(), meta.subject(), meta.actor(),
        meta.session(), meta.request().clientAddress(), meta.request().userAgent(),
        meta.request().requestId(), event.details());
  }
}
