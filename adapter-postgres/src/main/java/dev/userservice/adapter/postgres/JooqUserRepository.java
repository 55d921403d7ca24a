package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.jooq.Tables.USERS;
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
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import dev.userservice.domain.port.UserPage;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * {@link UserRepository} on PostgreSQL. Every method is one statement or one transaction;
 * uniqueness and the last-administrator rule are enforced by the database, not by a prior read.
 */
@Singleton
public final class JooqUserRepository implements UserRepository {

  private static final String EMAIL_KEY = "users_email_key";
  private static final char LIKE_ESCAPE = '\\';

  private final DSLContext dsl;
  // jOOQ renders a query's SQL anew on every execution; for the lookup behind every authenticated
  // request that rendering was a sixth of GET /users/me's CPU (JFR under wrk). Rendered once here,
  // from the same typed query, and run as plain SQL with the id bound.
  private final String findByIdSql;

  @Inject
  public JooqUserRepository(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.findByIdSql = dsl.selectFrom(USERS).where(USERS.ID.eq((UUID) null)).getSQL();
  }

  @Override
  public void insert(User user) {
    DatabaseErrors.guardRun(() -> {
      try {
        dsl.executeInsert(toRecord(user));
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
  public User update(User user) {
    return DatabaseErrors.guard(() -> dsl.transactionResult(tx -> {
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
      return user.nextVersion();
    }));
  }

  @Override
  public Optional<User> findById(UserId id) {
    return DatabaseErrors.guard(() ->
        dsl.resultQuery(findByIdSql, id.value()).coerce(USERS).fetchOptional().map(this::toUser));
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return DatabaseErrors.guard(() ->
        dsl.selectFrom(USERS).where(USERS.EMAIL.eq(email.value())).fetchOptional()
            .map(this::toUser));
  }

  @Override
  public void delete(UserId id) {
    DatabaseErrors.guardRun(() -> dsl.transaction(tx -> {
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
    }));
  }

  @Override
  public UserPage list(UserFilter filter, UserCursor after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    Condition keyset = after == null ? noCondition()
        : row(USERS.CREATED_AT, USERS.ID).lt(after.createdAt(), after.id().value());
    List<User> rows = DatabaseErrors.guard(() -> dsl.selectFrom(USERS)
        .where(matching(filter)).and(keyset)
        .orderBy(USERS.CREATED_AT.desc(), USERS.ID.desc())
        .limit(limit + 1)
        .fetch(this::toUser));
    if (rows.size() <= limit) {
      return new UserPage(rows, Optional.empty());
    }
    List<User> page = rows.subList(0, limit);
    User last = page.get(limit - 1);
    return new UserPage(page, Optional.of(new UserCursor(last.createdAt(), last.id())));
  }

  @Override
  public long count(UserFilter filter) {
    return DatabaseErrors.guard(() -> (long) dsl.fetchCount(USERS, matching(filter)));
  }

  @Override
  public boolean anyAdmin() {
    return DatabaseErrors.guard(() -> dsl.fetchExists(USERS, USERS.ROLE.eq(Role.ADMIN.name())));
  }

  @Override
  public List<UserId> deleteNeverVerifiedCreatedBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return DatabaseErrors.guard(() -> dsl.deleteFrom(USERS)
        .where(USERS.EVER_VERIFIED.isFalse())
        .and(USERS.CREATED_AT.lt(cutoff))
        .returning(USERS.ID)
        .fetch(r -> new UserId(r.getId())));
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

  /** Every filter condition; the email substring uses ILIKE, served by the trigram index. */
  private static Condition matching(UserFilter filter) {
    Condition condition = noCondition();
    if (filter == null) {
      return condition;
    }
    if (filter.emailContains() != null && !filter.emailContains().isEmpty()) {
      condition = condition.and(USERS.EMAIL.likeIgnoreCase(
          "%" + escapeLike(filter.emailContains()) + "%", LIKE_ESCAPE));
    }
    if (filter.role() != null) {
      condition = condition.and(USERS.ROLE.eq(filter.role().name()));
    }
    if (filter.emailVerified() != null) {
      condition = condition.and(filter.emailVerified()
          ? USERS.EMAIL_VERIFIED_AT.isNotNull() : USERS.EMAIL_VERIFIED_AT.isNull());
    }
    if (filter.createdAfter() != null) {
      condition = condition.and(USERS.CREATED_AT.gt(filter.createdAfter()));
    }
    if (filter.createdBefore() != null) {
      condition = condition.and(USERS.CREATED_AT.lt(filter.createdBefore()));
    }
    return condition;
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

  private User toUser(UsersRecord r) {
    return User.restore(new UserId(r.getId()), new Email(r.getEmail()),
        r.getFirstName() == null ? null : new PersonName(r.getFirstName()),
        r.getLastName() == null ? null : new PersonName(r.getLastName()),
        new PasswordHash(r.getPasswordHash()), Role.valueOf(r.getRole()),
        r.getEmailVerifiedAt(), r.getEverVerified(), r.getCreatedAt(), r.getUpdatedAt(),
        r.getVersion());
  }

  private static ConflictException emailTaken() {
    return DatabaseErrors.conflict("the email is already registered");
  }

  private static NotFoundException notFound(UserId id) {
    return new NotFoundException("no user " + id);
  }
}
