package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.jooq.Tables.USERS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

import dev.userservice.adapter.postgres.jooq.tables.records.UsersRecord;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import dev.userservice.domain.port.UserPage;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * {@link UserRepository} on PostgreSQL. Every method is one statement or one transaction;
 * uniqueness and the last-administrator rule are enforced by the database, not by a prior read.
 * The events of a write are inserted into {@code audit_events} in the write's transaction.
 */
@Singleton
public final class JooqUserRepository implements UserRepository {

  private static final String EMAIL_KEY = "users_email_key";
  private static final char LIKE_ESCAPE = '\\';

  private final DSLContext dsl;
  // The reads of whole users run often (every login, refresh and profile miss, and an admin list
  // page reads 21), so their SQL is rendered by jOOQ once, from typed queries, and run over JDBC
  // with the values bound: neither rendering nor jOOQ's parsing of the SQL for its bind markers,
  // nor its records, on these paths. The insert every registration makes, likewise: rendered
  // anew, it keeps C2 compiling jOOQ's rendering, CPU taken from the hashes
  // (docs/performance.md, "Whole-user reads and the registration insert over JDBC").
  private final String findByIdSql;
  private final String findByEmailSql;
  private final String insertSql;
  // The admin list's SQL depends only on which filters are set, whether a cursor is given and the
  // page size; each shape is rendered once, in the same way, and its values are bound in the order
  // the shape renders them. The page size is inlined, not bound: PostgreSQL plans a bound LIMIT
  // for a tenth of the table, so the prepared statement's generic plan looked dearer than a fresh
  // plan and every page was planned anew (docs/performance.md, "The admin list's page size
  // inlined").
  private final Map<ListShape, String> listSqlByShape = new ConcurrentHashMap<>();
  private final AuditRows auditRows;

  @Inject
  public JooqUserRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.findByIdSql = dsl.selectFrom(USERS).where(USERS.ID.eq((UUID) null)).getSQL();
    this.findByEmailSql = dsl.selectFrom(USERS).where(USERS.EMAIL.eq((String) null)).getSQL();
    this.insertSql = dsl.insertInto(USERS).columns(USERS.fields())
        .values(Collections.nCopies(USERS.fields().length, null)).getSQL();
    this.auditRows = new AuditRows(dsl);
  }

  @Override
  public void insert(User user, List<UserEvent> events) {
    DatabaseErrors.translatingOutages(() -> {
      try {
        Transactions.run(dsl, tx -> tx.dsl().connection(connection -> {
          try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
            Statements.bind(statement, Arrays.asList(toRecord(user).intoArray()));
            statement.executeUpdate();
          }
          auditRows.insert(connection, events);
        }));
      } catch (DataAccessException e) {
        if (DatabaseErrors.isUniqueViolation(e, null)) {
          throw DatabaseErrors.isUniqueViolation(e, EMAIL_KEY)
              ? emailTaken() : DatabaseErrors.conflict("the user id is already taken");
        }
        throw e;
      }
    });
  }

  @Override
  public User update(User user, List<UserEvent> events) {
    return DatabaseErrors.translatingOutages(() -> Transactions.result(dsl, tx -> {
      DSLContext db = tx.dsl();
      if (user.role() != Role.ADMIN && storedRole(db, user.id()) == Role.ADMIN) {
        // A stale read here is harmless: a concurrent role change bumps the version we check.
        requireAnotherAdmin(db, user.id());
      }
      UsersRecord changed = toRecord(user);
      changed.setVersion(user.version() + 1);
      changed.changed(USERS.ID, false);
      changed.changed(USERS.CREATED_AT, false);
      int rows;
      try {
        rows = db.update(USERS)
            .set(changed)
            .where(USERS.ID.eq(user.id().value()))
            .and(USERS.VERSION.eq(user.version()))
            .execute();
      } catch (DataAccessException e) {
        if (DatabaseErrors.isUniqueViolation(e, EMAIL_KEY)) {
          throw emailTaken();
        }
        throw e;
      }
      if (rows == 0) {
        if (db.fetchExists(USERS, USERS.ID.eq(user.id().value()))) {
          throw DatabaseErrors.conflict("the user was changed by someone else; reload and retry");
        }
        throw notFound(user.id());
      }
      db.connection(connection -> auditRows.insert(connection, events));
      return user.nextVersion();
    }));
  }

  @Override
  public Optional<User> findById(UserId id) {
    return users(findByIdSql, List.of(id.value())).stream().findFirst();
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return users(findByEmailSql, List.of(email.value())).stream().findFirst();
  }

  @Override
  public void delete(UserId id, List<UserEvent> events) {
    DatabaseErrors.translatingOutages(() -> Transactions.run(dsl, tx -> {
      DSLContext db = tx.dsl();
      Role role = storedRole(db, id);
      if (role == null) {
        throw notFound(id);
      }
      if (role == Role.ADMIN) {
        requireAnotherAdmin(db, id);
      }
      // Deleting only if the role is still the one checked closes the promote-then-delete race.
      int rows = db.deleteFrom(USERS)
          .where(USERS.ID.eq(id.value()))
          .and(USERS.ROLE.eq(role.name()))
          .execute();
      if (rows == 0) {
        if (db.fetchExists(USERS, USERS.ID.eq(id.value()))) {
          throw DatabaseErrors.conflict("the user was changed by someone else; retry");
        }
        throw notFound(id);
      }
      db.connection(connection -> auditRows.insert(connection, events));
    }));
  }

  @Override
  public UserPage list(UserFilter filter, UserCursor after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    Where where = Where.of(filter, after);
    List<Object> values = where.values();
    String sql = listSqlByShape.computeIfAbsent(new ListShape(where.shape(), limit), shape -> {
      String rendered = dsl.selectFrom(USERS).where(where.condition())
          .orderBy(USERS.CREATED_AT.desc(), USERS.ID.desc())
          .limit(inline(limit + 1))
          .getSQL();
      if (rendered.chars().filter(c -> c == '?').count() != values.size()) {
        throw new IllegalStateException("the list query binds other values than " + values);
      }
      return rendered;
    });
    List<User> rows = users(sql, values);
    if (rows.size() <= limit) {
      return new UserPage(rows, Optional.empty());
    }
    List<User> page = rows.subList(0, limit);
    User last = page.get(limit - 1);
    return new UserPage(page, Optional.of(new UserCursor(last.createdAt(), last.id())));
  }

  @Override
  public long count(UserFilter filter) {
    return DatabaseErrors.translatingOutages(() ->
        (long) dsl.fetchCount(USERS, Where.of(filter, null).condition()));
  }

  @Override
  public boolean anyAdmin() {
    return DatabaseErrors.translatingOutages(
        () -> dsl.fetchExists(USERS, USERS.ROLE.eq(Role.ADMIN.name())));
  }

  @Override
  public List<UserId> deleteNeverVerifiedCreatedBefore(Instant cutoff,
      Function<UserId, UserEvent> eventOf) {
    Objects.requireNonNull(cutoff, "cutoff");
    return DatabaseErrors.translatingOutages(() -> Transactions.result(dsl, tx -> {
      DSLContext db = tx.dsl();
      List<UserId> removed = db.deleteFrom(USERS)
          .where(USERS.EVER_VERIFIED.isFalse())
          .and(USERS.CREATED_AT.lt(cutoff))
          .and(USERS.ROLE.ne(Role.ADMIN.name()))
          .returning(USERS.ID)
          .fetch(r -> new UserId(r.getId()));
      db.connection(connection ->
          auditRows.insert(connection, removed.stream().map(eventOf).toList()));
      return removed;
    }));
  }

  private static Role storedRole(DSLContext db, UserId id) {
    String role = db.select(USERS.ROLE).from(USERS).where(USERS.ID.eq(id.value()))
        .fetchOne(USERS.ROLE);
    return role == null ? null : Role.valueOf(role);
  }

  /**
   * Locks every administrator row (in id order, so concurrent callers cannot deadlock) and
   * refuses when {@code id} is the only one. A concurrent demotion or deletion of another admin
   * waits here and then sees the committed state, so two of them cannot each remove "one of two".
   */
  private static void requireAnotherAdmin(DSLContext db, UserId id) {
    List<UUID> admins = db.select(USERS.ID).from(USERS)
        .where(USERS.ROLE.eq(Role.ADMIN.name()))
        .orderBy(USERS.ID)
        .forUpdate()
        .fetch(USERS.ID);
    if (admins.size() == 1 && admins.get(0).equals(id.value())) {
      throw DatabaseErrors.conflict("the last administrator cannot be removed or demoted");
    }
  }

  /** What decides the list query's SQL: the {@link Where#shape()} and the page size. */
  private record ListShape(int where, int limit) {}

  /**
   * The conditions of a list or count, the values they bind (in the order they render them), and
   * the shape: which conditions are present, which alone decides the rendered SQL. The email
   * substring uses ILIKE, served by the trigram index.
   */
  private record Where(Condition condition, List<Object> values, int shape) {

    static Where of(UserFilter filter, UserCursor after) {
      UserFilter f = filter == null ? UserFilter.ANY : filter;
      Condition condition = noCondition();
      List<Object> values = new ArrayList<>(6);
      int shape = 0;
      if (f.emailContains() != null && !f.emailContains().isEmpty()) {
        String pattern = "%" + escapeLike(f.emailContains()) + "%";
        condition = condition.and(USERS.EMAIL.likeIgnoreCase(pattern, LIKE_ESCAPE));
        values.add(pattern);
        shape |= 1;
      }
      if (f.role() != null) {
        condition = condition.and(USERS.ROLE.eq(f.role().name()));
        values.add(f.role().name());
        shape |= 1 << 1;
      }
      if (f.emailVerified() != null) {
        condition = condition.and(f.emailVerified()
            ? USERS.EMAIL_VERIFIED_AT.isNotNull() : USERS.EMAIL_VERIFIED_AT.isNull());
        shape |= f.emailVerified() ? 1 << 2 : 1 << 3;
      }
      if (f.createdAfter() != null) {
        condition = condition.and(USERS.CREATED_AT.gt(f.createdAfter()));
        values.add(f.createdAfter());
        shape |= 1 << 4;
      }
      if (f.createdBefore() != null) {
        condition = condition.and(USERS.CREATED_AT.lt(f.createdBefore()));
        values.add(f.createdBefore());
        shape |= 1 << 5;
      }
      if (after != null) {
        condition = condition.and(
            row(USERS.CREATED_AT, USERS.ID).lt(after.createdAt(), after.id().value()));
        values.add(after.createdAt());
        values.add(after.id().value());
        shape |= 1 << 6;
      }
      return new Where(condition, values, shape);
    }
  }

  static String escapeLike(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
        escaped.append(LIKE_ESCAPE);
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  private UsersRecord toRecord(User user) {
    UsersRecord record = dsl.newRecord(USERS);
    record.setId(user.id().value());
    record.setEmail(user.email().value());
    record.setFirstName(user.firstName().map(PersonName::value).orElse(null));
    record.setLastName(user.lastName().map(PersonName::value).orElse(null));
    record.setPasswordHash(user.passwordHash().value());
    record.setRole(user.role().name());
    record.setEmailVerifiedAt(user.emailVerifiedAt().orElse(null));
    record.setEverVerified(user.everVerified());
    record.setCreatedAt(user.createdAt());
    record.setUpdatedAt(user.updatedAt());
    record.setVersion(user.version());
    return record;
  }

  /** The users {@code sql} (a select of whole users rows) finds with {@code values} bound. */
  private List<User> users(String sql, List<Object> values) {
    return DatabaseErrors.translatingOutages(() -> dsl.connectionResult(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        Statements.bind(statement, values);
        try (ResultSet rows = statement.executeQuery()) {
          List<User> users = new ArrayList<>();
          while (rows.next()) {
            users.add(userOf(rows));
          }
          return users;
        }
      }
    }));
  }

  private static User userOf(ResultSet row) throws SQLException {
    String firstName = row.getString(USERS.FIRST_NAME.getName());
    String lastName = row.getString(USERS.LAST_NAME.getName());
    return User.restore(new UserId(row.getObject(USERS.ID.getName(), UUID.class)),
        new Email(row.getString(USERS.EMAIL.getName())),
        firstName == null ? null : new PersonName(firstName),
        lastName == null ? null : new PersonName(lastName),
        new PasswordHash(row.getString(USERS.PASSWORD_HASH.getName())),
        Role.valueOf(row.getString(USERS.ROLE.getName())),
        instant(row, USERS.EMAIL_VERIFIED_AT.getName()),
        row.getBoolean(USERS.EVER_VERIFIED.getName()),
        instant(row, USERS.CREATED_AT.getName()), instant(row, USERS.UPDATED_AT.getName()),
        row.getLong(USERS.VERSION.getName()));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static ConflictException emailTaken() {
    return DatabaseErrors.conflict("the email is already registered");
  }

  private static NotFoundException notFound(UserId id) {
    return new NotFoundException("no user " + id);
  }
}
