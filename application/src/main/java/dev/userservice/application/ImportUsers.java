package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldError;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Metadata;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.RateLimit;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Brings in users from another system, each with the password hash it had there. */
@Singleton
public final class ImportUsers {

  /** How many imports one administrator may start per hour; each may hold many users. */
  static final RateLimit IMPORTS_PER_ACCOUNT = new RateLimit(20, Duration.ofHours(1));

  /**
   * One user to import, as raw values from one line of the source ({@code null} where the line
   * has none): a role of {@code null} is {@code user}, {@code emailVerified} of {@code null} is
   * false; {@code passwordHash} in a format {@link PasswordHasher#adopt} accepts. {@code problem}
   * is set instead when the adapter could not read the line at all (not JSON, wrong shape).
   * {@code metadata} and {@code appMetadata} are JSON text ({@code null}: none).
   */
  public record Entry(long line, String email, String firstName, String lastName,
      Boolean emailVerified, String role, String passwordHash, String problem, String metadata,
      String appMetadata) {

    /** An entry without custom attributes. */
    public Entry(long line, String email, String firstName, String lastName,
        Boolean emailVerified, String role, String passwordHash, String problem) {
      this(line, email, firstName, lastName, emailVerified, role, passwordHash, problem, null,
          null);
    }

    /** A line that could not be read, with what is wrong with it. */
    public static Entry unreadable(long line, String problem) {
      return new Entry(line, null, null, null, null, null, null,
          Objects.requireNonNull(problem, "problem"));
    }
  }

  /** What became of one entry. */
  public sealed interface Result {

    long line();

    /** A new account was stored, with the hash as given. */
    record Created(long line, UserId id, Email email) implements Result {}

    /** An account with this email exists (imported before, or registered): left unchanged. */
    record Duplicate(long line, Email email) implements Result {}

    /** Not imported, for the reasons given per field. */
    record Rejected(long line, List<FieldError> errors) implements Result {}
  }

  /** How many entries were created, duplicates and rejected. */
  public record Summary(long created, long duplicates, long rejected) {}

  private final UserWrites writes;
  private final PasswordHasher hasher;
  private final RandomSource random;
  private final Clock clock;
  private final Throttles throttles;

  @Inject
  ImportUsers(UserWrites writes, PasswordHasher hasher, RandomSource random, Clock clock,
      Throttles throttles) {
    this.writes = writes;
    this.hasher = hasher;
    this.random = random;
    this.clock = clock;
    this.throttles = throttles;
  }

  /**
   * Imports {@code entries} one at a time, as they are read, and tells {@code results} what
   * became of each before reading the next: memory does not grow with the number of entries.
   * Idempotent by email: an entry whose email already has an account is a
   * {@link Result.Duplicate} and changes nothing, so a failed import can simply be run again.
   * An invalid entry is {@link Result.Rejected} and the import goes on. Each created account
   * stores {@code user_imported} with it; no letter is sent. Imported hashes are replaced by the
   * current kind at each user's first successful login.
   *
   * @param actor who imports; {@code null} for trusted code (the command line)
   * @param request where the request came from, for the throttle and the events
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.ThrottledException when the administrator started too many
   *     imports this hour
   * @throws dev.userservice.domain.UnavailableException when the database is down; the entries
   *     before it are stored, and running the import again skips them
   */
  public Summary importUsers(Actor actor, RequestContext request, Iterator<Entry> entries,
      Consumer<Result> results) {
    if (actor != null) {
      Authorization.requireAdmin(actor);
      throttles.acquire("import:" + actor.id(), List.of(IMPORTS_PER_ACCOUNT),
          "too many imports from this account");
    }
    RequestContext origin = RequestContext.orNone(request);
    long created = 0;
    long duplicates = 0;
    long rejected = 0;
    while (entries.hasNext()) {
      Result result = importOne(actor, origin, entries.next());
      if (result instanceof Result.Created) {
        created++;
      } else if (result instanceof Result.Duplicate) {
        duplicates++;
      } else {
        rejected++;
      }
      results.accept(result);
    }
    return new Summary(created, duplicates, rejected);
  }

  private Result importOne(Actor actor, RequestContext request, Entry entry) {
    if (entry.problem() != null) {
      return new Result.Rejected(entry.line(), List.of(new FieldError("line", entry.problem())));
    }
    User user;
    try {
      user = user(entry);
    } catch (InvalidInputException invalid) {
      return new Result.Rejected(entry.line(), invalid.errors());
    }
    var meta = actor == null ? UserEvent.Meta.bySystem(user.createdAt(), user.id())
        : UserEvent.Meta.by(user.createdAt(), actor, user.id(), request);
    try {
      // No lookup first: the unique email decides, in the one round trip that stores the user.
      writes.insert(user, List.of(
          new UserEvent.UserImported(meta, user.email(), user.isEmailVerified())));
    } catch (ConflictException exists) {
      return new Result.Duplicate(entry.line(), user.email());
    }
    return new Result.Created(entry.line(), user.id(), user.email());
  }

  private User user(Entry entry) {
    FieldErrors errors = new FieldErrors();
    Email email = errors.parse(() -> Email.of(entry.email(), "email"));
    PersonName firstName = errors.parse(
        () -> PersonName.ofNullable(entry.firstName(), "first_name"));
    PersonName lastName = errors.parse(() -> PersonName.ofNullable(entry.lastName(), "last_name"));
    Role role = entry.role() == null ? Role.USER
        : errors.parse(() -> Role.parse(entry.role(), "role"));
    PasswordHash hash = errors.parse(() -> hasher.adopt(entry.passwordHash(), "password_hash"));
    Metadata metadata = errors.parse(() -> entry.metadata() == null ? Metadata.EMPTY
        : Metadata.parse(entry.metadata(), "metadata"));
    Metadata appMetadata = errors.parse(() -> entry.appMetadata() == null ? Metadata.EMPTY
        : Metadata.parse(entry.appMetadata(), "app_metadata"));
    errors.throwIfAny();
    Instant now = clock.now();
    User user = User.register(UserId.generate(now, random.bytes(16)), email, firstName, lastName,
        hash, role, now).withMetadata(metadata, now).withAppMetadata(appMetadata, now);
    return Boolean.TRUE.equals(entry.emailVerified()) ? user.verified(now) : user;
  }
}
