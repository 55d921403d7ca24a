package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.jooq.Tables.AUDIT_EVENTS;
import static dev.userservice.adapter.postgres.jooq.Tables.MAIL_OUTBOX;
import static dev.userservice.adapter.postgres.jooq.Tables.USERS;
import static org.jooq.impl.DSL.inline;

import dev.userservice.adapter.postgres.jooq.tables.records.AuditEventsRecord;
import dev.userservice.adapter.postgres.jooq.tables.records.MailOutboxRecord;
import dev.userservice.adapter.postgres.jooq.tables.records.UsersRecord;
import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.Email;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.Metadata;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.StatusReason;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.tools.json.JSONObject;

/**
 * Every statement this adapter renders once with jOOQ and then runs over plain JDBC: the reads of
 * whole users (by id, by email, a page of the admin list) and the inserts of a user, an audit row
 * and an outbox letter. They are on the hot paths (every login, refresh and profile miss; every
 * registration, code request and audited event), where rendering the SQL anew, jOOQ's parsing of
 * it for its bind markers and its records cost more than the rest of the call
 * (docs/performance.md, "Whole-user reads and the registration insert over JDBC" and "The admin
 * list's page size inlined"). Everything else in the adapter is plain jOOQ.
 *
 * <p>The rules that keep this shortcut safe:
 *
 * <ul>
 *   <li>SQL that runs outside jOOQ comes only from here, rendered by jOOQ from typed queries,
 *       never put together from strings. A statement joins this class only for a path that
 *       docs/performance.md shows to be hot.
 *   <li>An insert binds the values of a jOOQ record, column by column, in the order of the column
 *       list it was rendered with; columns outside that list are not inserted.
 *   <li>A read binds its values in the order its query renders their markers; the list's SQL is
 *       cached by {@link UserConditions#shape()} and page size, which alone decide it.
 *   <li>Values go to PgJDBC as jOOQ would bind them: instants as {@code timestamptz}, JSON as
 *       text. Timestamps are read back as {@link OffsetDateTime}.
 *   <li>Each method runs on the connection it is given (the caller's transaction, or one taken
 *       with {@code DSLContext.connection...}), whose callback turns an {@link SQLException} into
 *       jOOQ's {@code DataAccessException}, as any jOOQ query would throw.
 * </ul>
 *
 * <p>Each repository builds only the group of statements it runs, when it is constructed.
 */
final class RenderedStatements {

  private RenderedStatements() {}

  /** The reads of whole {@code users} rows and the insert of one. */
  static final class Users {

    private static final List<Field<?>> COLUMNS = List.of(USERS.fields());

    private final DSLContext dsl;
    private final TotpSecrets totpSecrets;
    private final String byIdSql;
    private final String byEmailSql;
    private final String insertSql;
    private final Map<PageShape, String> pageSqlByShape = new ConcurrentHashMap<>();

    Users(DSLContext dsl, TotpSecrets totpSecrets) {
      this.dsl = Objects.requireNonNull(dsl, "dsl");
      this.totpSecrets = Objects.requireNonNull(totpSecrets, "totpSecrets");
      this.byIdSql = dsl.selectFrom(USERS).where(USERS.ID.eq((UUID) null)).getSQL();
      this.byEmailSql = dsl.selectFrom(USERS).where(USERS.EMAIL.eq((String) null)).getSQL();
      this.insertSql = insertOf(dsl, USERS, COLUMNS).getSQL();
    }

    Optional<User> byId(Connection connection, UserId id) throws SQLException {
      return select(connection, byIdSql, List.of(id.value())).stream().findFirst();
    }

    Optional<User> byEmail(Connection connection, Email email) throws SQLException {
      return select(connection, byEmailSql, List.of(email.value())).stream().findFirst();
    }

    /** Inserts {@code user}, every column of the table. */
    void insert(Connection connection, UsersRecord user) throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
        bind(statement, user, COLUMNS);
        statement.executeUpdate();
      }
    }

    /**
     * Up to {@code limit + 1} users that meet {@code where}, newest first (the extra one tells
     * whether there is a next page). The page size is inlined, not bound: PostgreSQL plans a
     * bound {@code LIMIT} as if for a tenth of the table, so the prepared statement's generic plan
     * looked dearer than a fresh one and every page was planned anew (docs/performance.md, "The
     * admin list's page size inlined").
     */
    List<User> page(Connection connection, UserConditions where, int limit)
        throws SQLException {
      String sql = pageSqlByShape.computeIfAbsent(new PageShape(where.shape(), limit), shape -> {
        String rendered = dsl.selectFrom(USERS).where(where.condition())
            .orderBy(USERS.CREATED_AT.desc(), USERS.ID.desc())
            .limit(inline(limit + 1))
            .getSQL();
        if (rendered.chars().filter(c -> c == '?').count() != where.values().size()) {
          throw new IllegalStateException("the list query binds other values than "
              + where.values());
        }
        return rendered;
      });
      return select(connection, sql, where.values());
    }

    /** What decides the list's SQL: the conditions' shape and the page size. */
    private record PageShape(int conditions, int limit) {}

    private List<User> select(Connection connection, String sql, List<?> values)
        throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        bind(statement, values);
        try (ResultSet rows = statement.executeQuery()) {
          List<User> users = new ArrayList<>();
          while (rows.next()) {
            users.add(userOf(rows));
          }
          return users;
        }
      }
    }

    private User userOf(ResultSet row) throws SQLException {
      String firstName = row.getString(USERS.FIRST_NAME.getName());
      String lastName = row.getString(USERS.LAST_NAME.getName());
      String statusReason = row.getString(USERS.STATUS_REASON.getName());
      UserId id = new UserId(row.getObject(USERS.ID.getName(), UUID.class));
      return User.restore(id,
          new Email(row.getString(USERS.EMAIL.getName())),
          firstName == null ? null : new PersonName(firstName),
          lastName == null ? null : new PersonName(lastName),
          new LanguageTag(row.getString(USERS.LOCALE.getName())),
          new PasswordHash(row.getString(USERS.PASSWORD_HASH.getName())),
          Role.valueOf(row.getString(USERS.ROLE.getName())),
          instant(row, USERS.EMAIL_VERIFIED_AT.getName()),
          row.getBoolean(USERS.EVER_VERIFIED.getName()),
          AccountStatus.parse(row.getString(USERS.STATUS.getName()), USERS.STATUS.getName()),
          statusReason == null ? null : new StatusReason(statusReason),
          instant(row, USERS.CREATED_AT.getName()), instant(row, USERS.UPDATED_AT.getName()),
          row.getLong(USERS.VERSION.getName()), totpSecrets.factorOf(id,
              row.getBytes(USERS.TOTP_SECRET.getName()),
              instant(row, USERS.TOTP_CONFIRMED_AT.getName()),
              row.getString(USERS.RECOVERY_CODES.getName())),
          instant(row, USERS.INVITED_UNTIL.getName()),
          Metadata.parse(row.getString(USERS.METADATA.getName()), USERS.METADATA.getName()),
          Metadata.parse(row.getString(USERS.APP_METADATA.getName()),
              USERS.APP_METADATA.getName()));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
      OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    }
  }

  /**
   * The insert of {@code audit_events} rows, which {@link JooqAuditTrail} and, in the transaction
   * of the change they record, {@link JooqUserRepository} make: a login writes one.
   */
  static final class AuditEvents {

    private static final List<Field<?>> COLUMNS = List.of(AUDIT_EVENTS.OCCURRED_AT,
        AUDIT_EVENTS.TYPE, AUDIT_EVENTS.USER_ID, AUDIT_EVENTS.ACTOR_KIND, AUDIT_EVENTS.ACTOR_ID,
        AUDIT_EVENTS.SESSION_ID, AUDIT_EVENTS.CLIENT_ADDRESS, AUDIT_EVENTS.USER_AGENT,
        AUDIT_EVENTS.REQUEST_ID, AUDIT_EVENTS.DETAILS);

    private final String insertSql;

    AuditEvents(DSLContext dsl) {
      this.insertSql = insertOf(dsl, AUDIT_EVENTS, COLUMNS).getSQL();
    }

    /** Inserts a row per event ({@code null}s skipped), in one batch when there are several. */
    void insert(Connection connection, List<UserEvent> events) throws SQLException {
      List<UserEvent> rows = events.stream().filter(Objects::nonNull).toList();
      if (rows.isEmpty()) {
        return;
      }
      try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
        for (UserEvent event : rows) {
          bind(statement, rowOf(event), COLUMNS);
          if (rows.size() == 1) {
            statement.executeUpdate();
            return;
          }
          statement.addBatch();
        }
        statement.executeBatch();
      }
    }

    private static AuditEventsRecord rowOf(UserEvent event) {
      UserEvent.Meta meta = event.meta();
      AuditEventsRecord row = new AuditEventsRecord();
      row.setOccurredAt(meta.at());
      row.setType(event.type().wireName());
      row.setUserId(uuid(meta.subject()));
      row.setActorKind(meta.actor().kind().wireName());
      row.setActorId(uuid(meta.actor().id()));
      row.setSessionId(meta.session() == null ? null : meta.session().value());
      row.setClientAddress(meta.request().clientAddress());
      row.setUserAgent(meta.request().userAgent());
      row.setRequestId(meta.request().requestId());
      row.setDetails(JSON.json(JSONObject.toJSONString(event.details())));
      return row;
    }

    private static UUID uuid(UserId id) {
      return id == null ? null : id.value();
    }
  }

  /** The insert of an outbox letter, which every registration and code request makes. */
  static final class Letters {

    private static final List<Field<?>> COLUMNS = List.of(MAIL_OUTBOX.RECIPIENT,
        MAIL_OUTBOX.SUBJECT, MAIL_OUTBOX.SEALED_BODY, MAIL_OUTBOX.EXPIRES_AT, MAIL_OUTBOX.STATUS,
        MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.CREATED_AT);

    private final String insertSql;

    Letters(DSLContext dsl) {
      this.insertSql = insertOf(dsl, MAIL_OUTBOX, COLUMNS).returning(MAIL_OUTBOX.ID).getSQL();
    }

    /** Inserts {@code letter} (the columns above; the others take their defaults); its id. */
    long insert(Connection connection, MailOutboxRecord letter) throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
        bind(statement, letter, COLUMNS);
        try (ResultSet id = statement.executeQuery()) {
          id.next();
          return id.getLong(1);
        }
      }
    }
  }

  /** An insert of one row of {@code columns}, each value a placeholder for a bind marker. */
  private static <R extends Record> InsertValuesStepN<R> insertOf(DSLContext dsl, Table<R> table,
      List<Field<?>> columns) {
    return dsl.insertInto(table).columns(columns).values(Collections.nCopies(columns.size(), null));
  }

  private static void bind(PreparedStatement statement, Record row, List<Field<?>> columns)
      throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      statement.setObject(i + 1, jdbcValue(row.get(columns.get(i))));
    }
  }

  private static void bind(PreparedStatement statement, List<?> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, jdbcValue(values.get(i)));
    }
  }

  private static Object jdbcValue(Object value) {
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    if (value instanceof JSON json) {
      return json.data();
    }
    return value;
  }
}
