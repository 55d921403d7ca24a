package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.DatabaseErrors.translatingOutages;
import static dev.userservice.adapter.postgres.jooq.Tables.USERS;

import dev.userservice.adapter.postgres.jooq.tables.records.UsersRecord;
import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.StatusReason;
import dev.userservice.domain.TotpFactor;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.SecretBox;
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
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record2;
import org.jooq.exception.DataAccessException;

/**
 * {@link UserRepository} on PostgreSQL. Every method is one statement or one transaction;
 * uniqueness and the last-administrator rule are enforced by the database, not by a prior read.
 * The events of a write are inserted into {@code audit_events} in the write's transaction.
 */
@Singleton
public final class JooqUserRepository implements UserRepository {

  private static final String EMAIL_KEY = "users_email_key";

  private final DSLContext dsl;
  private final TotpSecrets totpSecrets;
  // The whole-user reads and the insert run over JDBC: see RenderedStatements.
  private final RenderedStatements.Users users;
  private final RenderedStatements.AuditEvents auditEvents;

  /**
   * A repository on {@code dsl} that keeps one-time password secrets sealed by {@code secrets}
   * (its key must stay the same for as long as the rows it sealed are to be read).
   */
  @Inject
  public JooqUserRepository(DSLContext dsl, SecretBox secrets) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.totpSecrets = new TotpSecrets(Objects.requireNonNull(secrets, "secrets"));
    this.users = new RenderedStatements.Users(dsl, totpSecrets);
    this.auditEvents = new RenderedStatements.AuditEvents(dsl);
  }

  @Override
  public void insert(User user, List<UserEvent> events) {
    translatingOutages(() -> {
      try {
        Transactions.run(dsl, tx -> tx.dsl().connection(connection -> {
          users.insert(connection, toRecord(user));
          auditEvents.insert(connection, events);
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
    return translatingOutages(() -> Transactions.result(dsl, tx -> {
      DSLContext db = tx.dsl();
      if (!isActiveAdmin(user.role(), user.status())
          && stored(db, user.id()).map(JooqUserRepository::isActiveAdmin).orElse(false)) {
        // A stale read here is harmless: a concurrent role or status change bumps the version we
        // check.
        requireAnotherActiveAdmin(db, user.id());
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
      db.connection(connection -> auditEvents.insert(connection, events));
      return user.nextVersion();
    }));
  }

  @Override
  public Optional<User> findById(UserId id) {
    return translatingOutages(() -> dsl.connectionResult(connection -> users.byId(connection, id)));
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return translatingOutages(
        () -> dsl.connectionResult(connection -> users.byEmail(connection, email)));
  }

  @Override
  public void delete(UserId id, List<UserEvent> events) {
    translatingOutages(() -> Transactions.run(dsl, tx -> {
      DSLContext db = tx.dsl();
      Record2<String, String> stored = stored(db, id).orElseThrow(() -> notFound(id));
      if (isActiveAdmin(stored)) {
        requireAnotherActiveAdmin(db, id);
      }
      // Deleting only if role and status are still the ones checked closes the
      // promote-then-delete (and enable-then-delete) race.
      int rows = db.deleteFrom(USERS)
          .where(USERS.ID.eq(id.value()))
          .and(USERS.ROLE.eq(stored.value1()))
          .and(USERS.STATUS.eq(stored.value2()))
          .execute();
      if (rows == 0) {
        if (db.fetchExists(USERS, USERS.ID.eq(id.value()))) {
          throw DatabaseErrors.conflict("the user was changed by someone else; retry");
        }
        throw notFound(id);
      }
      db.connection(connection -> auditEvents.insert(connection, events));
    }));
  }

  @Override
  public UserPage list(UserFilter filter, UserCursor after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    UserConditions where = UserConditions.of(filter, after);
    List<User> rows = translatingOutages(
        () -> dsl.connectionResult(connection -> users.page(connection, where, limit)));
    if (rows.size() <= limit) {
      return new UserPage(rows, Optional.empty());
    }
    List<User> page = rows.subList(0, limit);
    User last = page.get(limit - 1);
    return new UserPage(page, Optional.of(new UserCursor(last.createdAt(), last.id())));
  }

  @Override
  public long count(UserFilter filter) {
    return translatingOutages(() ->
        (long) dsl.fetchCount(USERS, UserConditions.of(filter, null).condition()));
  }

  @Override
  public boolean anyAdmin() {
    return translatingOutages(() -> dsl.fetchExists(USERS, USERS.ROLE.eq(Role.ADMIN.name())));
  }

  @Override
  public List<UserId> deleteNeverVerifiedCreatedBefore(Instant cutoff,
      Function<UserId, UserEvent> eventOf) {
    Objects.requireNonNull(cutoff, "cutoff");
    return translatingOutages(() -> Transactions.result(dsl, tx -> {
      DSLContext db = tx.dsl();
      List<UserId> removed = db.deleteFrom(USERS)
          .where(USERS.EVER_VERIFIED.isFalse())
          .and(USERS.CREATED_AT.lt(cutoff))
          .and(USERS.ROLE.ne(Role.ADMIN.name()))
          .and(USERS.INVITED_UNTIL.isNull().or(USERS.INVITED_UNTIL.lt(cutoff)))
          .returning(USERS.ID)
          .fetch(r -> new UserId(r.getId()));
      db.connection(connection ->
          auditEvents.insert(connection, removed.stream().map(eventOf).toList()));
      return removed;
    }));
  }

  /** The stored role and status of {@code id}. */
  private static Optional<Record2<String, String>> stored(DSLContext db, UserId id) {
    return db.select(USERS.ROLE, USERS.STATUS).from(USERS).where(USERS.ID.eq(id.value()))
        .fetchOptional();
  }

  private static boolean isActiveAdmin(Record2<String, String> stored) {
    return Role.ADMIN.name().equals(stored.value1())
        && AccountStatus.ACTIVE.wireName().equals(stored.value2());
  }

  private static boolean isActiveAdmin(Role role, AccountStatus status) {
    return role == Role.ADMIN && status == AccountStatus.ACTIVE;
  }

  /**
   * Locks every administrator row (in id order, so concurrent callers cannot deadlock) and
   * refuses unless an active administrator other than {@code id} remains. A concurrent demotion,
   * suspension or deletion of another admin waits here and then sees the committed state, so two
   * of them cannot each remove "one of two".
   */
  private static void requireAnotherActiveAdmin(DSLContext db, UserId id) {
    List<Record2<UUID, String>> admins = db.select(USERS.ID, USERS.STATUS).from(USERS)
        .where(USERS.ROLE.eq(Role.ADMIN.name()))
        .orderBy(USERS.ID)
        .forUpdate()
        .fetch();
    boolean another = admins.stream().anyMatch(admin -> !admin.value1().equals(id.value())
        && AccountStatus.ACTIVE.wireName().equals(admin.value2()));
    if (!another) {
      throw DatabaseErrors.conflict(
          "the last active administrator cannot be removed, demoted or disabled");
    }
  }

  private UsersRecord toRecord(User user) {
    UsersRecord record = dsl.newRecord(USERS);
    record.setId(user.id().value());
    record.setEmail(user.email().value());
    record.setFirstName(user.firstName().map(PersonName::value).orElse(null));
    record.setLastName(user.lastName().map(PersonName::value).orElse(null));
    record.setLocale(user.locale().value());
    record.setPasswordHash(user.passwordHash().value());
    record.setRole(user.role().name());
    record.setEmailVerifiedAt(user.emailVerifiedAt().orElse(null));
    record.setEverVerified(user.everVerified());
    record.setStatus(user.status().wireName());
    record.setStatusReason(user.statusReason().map(StatusReason::value).orElse(null));
    record.setCreatedAt(user.createdAt());
    record.setUpdatedAt(user.updatedAt());
    record.setVersion(user.version());
    TotpFactor totp = user.totp().orElse(null);
    record.setTotpSecret(totp == null ? null : totpSecrets.seal(user.id(), totp));
    record.setTotpConfirmedAt(totp == null ? null : totp.confirmedAt());
    record.setRecoveryCodes(totp == null ? null : TotpSecrets.recoveryCodes(totp));
    record.setInvitedUntil(user.invitedUntil().orElse(null));
    record.setMetadata(JSON.valueOf(user.metadata().json()));
    record.setAppMetadata(JSON.valueOf(user.appMetadata().json()));
    return record;
  }

  private static ConflictException emailTaken() {
    return DatabaseErrors.conflict("the email is already registered");
  }

  private static NotFoundException notFound(UserId id) {
    return new NotFoundException("no user " + id);
  }
}
