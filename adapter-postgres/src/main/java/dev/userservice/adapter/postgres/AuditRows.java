package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.jooq.Tables.AUDIT_EVENTS;

import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.tools.json.JSONObject;

/**
 * The insert of audit rows, shared by {@link JooqAuditTrail} and {@link JooqUserRepository} (which
 * runs it in the transaction of the change the events record). A login writes one row, so the
 * SQL is rendered by jOOQ once and run over JDBC with the values bound, as the other hot writes
 * are; keep the values in the order of {@link #COLUMNS}.
 */
final class AuditRows {

  private static final List<org.jooq.TableField<?, ?>> COLUMNS = List.of(AUDIT_EVENTS.OCCURRED_AT,
      AUDIT_EVENTS.TYPE, AUDIT_EVENTS.USER_ID, AUDIT_EVENTS.ACTOR_KIND, AUDIT_EVENTS.ACTOR_ID,
      AUDIT_EVENTS.SESSION_ID, AUDIT_EVENTS.CLIENT_ADDRESS, AUDIT_EVENTS.USER_AGENT,
      AUDIT_EVENTS.REQUEST_ID, AUDIT_EVENTS.DETAILS);

  private final String insertSql;

  AuditRows(DSLContext dsl) {
    this.insertSql = dsl.insertInto(AUDIT_EVENTS).columns(COLUMNS)
        .values(Collections.nCopies(COLUMNS.size(), null)).getSQL();
  }

  /** Inserts a row per event ({@code null}s skipped) on {@code connection}, in its transaction. */
  void insert(Connection connection, List<UserEvent> events) throws SQLException {
    List<UserEvent> rows = events.stream().filter(Objects::nonNull).toList();
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
      for (UserEvent event : rows) {
        Statements.bind(statement, values(event));
        if (rows.size() == 1) {
          statement.executeUpdate();
          return;
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static List<Object> values(UserEvent event) {
    UserEvent.Meta meta = event.meta();
    return new ArrayList<>(Arrays.asList(meta.at(), event.type().wireName(),
        uuid(meta.subject()), meta.actor().kind().wireName(), uuid(meta.actor().id()),
        meta.session() == null ? null : meta.session().value(),
        meta.request().clientAddress(), meta.request().userAgent(), meta.request().requestId(),
        JSONObject.toJSONString(event.details())));
  }

  private static java.util.UUID uuid(UserId id) {
    return id == null ? null : id.value();
  }

  static SessionId session(String value) {
    return value == null ? null : new SessionId(value);
  }
}
