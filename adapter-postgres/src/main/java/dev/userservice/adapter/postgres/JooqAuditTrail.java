package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.DatabaseErrors.translatingOutages;
import static dev.userservice.adapter.postgres.jooq.Tables.AUDIT_EVENTS;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

import dev.userservice.adapter.postgres.jooq.tables.records.AuditEventsRecord;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditCursor;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditFilter;
import dev.userservice.domain.port.AuditPage;
import dev.userservice.domain.port.AuditTrail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/**
 * {@link AuditTrail} on PostgreSQL: the {@code audit_events} table, which
 * {@link JooqUserRepository} also writes, in the transactions of the changes the events record.
 */
@Singleton
public final class JooqAuditTrail implements AuditTrail {

  private final DSLContext dsl;
  // The insert runs over JDBC: see RenderedStatements.
  private final RenderedStatements.AuditEvents auditEvents;

  @Inject
  public JooqAuditTrail(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.auditEvents = new RenderedStatements.AuditEvents(dsl);
  }

  @Override
  public void record(List<UserEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    translatingOutages(() -> {
      if (events.size() == 1) {
        dsl.connection(connection -> auditEvents.insert(connection, events));
      } else {
        Transactions.run(dsl,
            tx -> tx.dsl().connection(connection -> auditEvents.insert(connection, events)));
      }
    });
  }

  @Override
  public AuditPage list(AuditFilter filter, AuditCursor after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    AuditFilter f = filter == null ? AuditFilter.ANY : filter;
    Condition where = noCondition();
    if (f.subject() != null) {
      where = where.and(AUDIT_EVENTS.USER_ID.eq(f.subject().value()));
    }
    if (f.actor() != null) {
      where = where.and(AUDIT_EVENTS.ACTOR_ID.eq(f.actor().value()));
    }
    if (!f.types().isEmpty()) {
      where = where.and(AUDIT_EVENTS.TYPE.in(f.types().stream().map(EventType::wireName).toList()));
    }
    if (f.after() != null) {
      where = where.and(AUDIT_EVENTS.OCCURRED_AT.gt(f.after()));
    }
    if (f.before() != null) {
      where = where.and(AUDIT_EVENTS.OCCURRED_AT.lt(f.before()));
    }
    if (after != null) {
      where = where.and(row(AUDIT_EVENTS.OCCURRED_AT, AUDIT_EVENTS.ID).lt(after.at(), after.id()));
    }
    Condition condition = where;
    List<AuditEntry> found = translatingOutages(() -> dsl.selectFrom(AUDIT_EVENTS)
        .where(condition)
        .orderBy(AUDIT_EVENTS.OCCURRED_AT.desc(), AUDIT_EVENTS.ID.desc())
        .limit(limit + 1)
        .fetch(JooqAuditTrail::entryOf));
    if (found.size() <= limit) {
      return new AuditPage(found, Optional.empty());
    }
    List<AuditEntry> page = found.subList(0, limit);
    AuditEntry last = page.get(limit - 1);
    return new AuditPage(page, Optional.of(new AuditCursor(last.at(), last.id())));
  }

  @Override
  public int pruneBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return translatingOutages(() -> dsl.deleteFrom(AUDIT_EVENTS)
        .where(AUDIT_EVENTS.OCCURRED_AT.lt(cutoff))
        .execute());
  }

  static AuditEntry entryOf(AuditEventsRecord row) {
    Initiator.Kind kind = Initiator.Kind.valueOf(row.getActorKind().toUpperCase(Locale.ROOT));
    return new AuditEntry(row.getId(), row.getOccurredAt(), EventType.ofWireName(row.getType()),
        row.getUserId() == null ? null : new UserId(row.getUserId()),
        new Initiator(kind, row.getActorId() == null ? null : new UserId(row.getActorId())),
        row.getSessionId() == null ? null : new SessionId(row.getSessionId()),
        row.getClientAddress(), row.getUserAgent(), row.getRequestId(),
        details(row.getDetails().data()));
  }

  private static Map<String, String> details(String json) {
    try {
      Map<?, ?> parsed = (Map<?, ?>) new JSONParser().parse(json);
      Map<String, String> details = new LinkedHashMap<>();
      parsed.forEach((key, value) -> details.put(key.toString(), String.valueOf(value)));
      return details;
    } catch (ParseException e) {
      throw new IllegalStateException("audit_events.details is not a JSON object: " + json, e);
    }
  }
}
