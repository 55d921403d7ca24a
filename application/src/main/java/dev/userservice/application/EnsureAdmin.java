package dev.userservice.application;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.Password;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Makes sure an administrator exists, at start-up. */
@Singleton
public final class EnsureAdmin {

  /**
   * The administrator to ensure: {@code email}, and {@code password} or {@code null} to generate
   * one.
   */
  public record Command(Email email, Password password) {

    public Command {
      Objects.requireNonNull(email, "email");
    }
  }

  /**
   * What happened: nothing (an administrator existed), an administrator was created (with the
   * password if one was generated), or the verified account with the email was promoted.
   */
  public record Outcome(boolean created, boolean promoted, Email email,
      Optional<String> generatedPassword) {

    @Override
    public String toString() {
      return "Outcome[created=" + created + ", promoted=" + promoted + ", email=" + email + "]";
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final PasswordHasher hasher;
  private final NewPasswords newPasswords;
  private final RandomSource random;
  private final Clock clock;

  @Inject
  EnsureAdmin(UserRepository users, UserWrites writes, PasswordHasher hasher,
      NewPasswords newPasswords, RandomSource random, Clock clock) {
    this.users = users;
    this.writes = writes;
    this.hasher = hasher;
    this.newPasswords = newPasswords;
    this.random = random;
    this.clock = clock;
  }

  /**
   * If no administrator exists, creates a verified one with {@code email} and {@code password},
   * or with a generated strong password (returned, to be shown once) when {@code password} is
   * {@code null}. If {@code email} already belongs to an account whose address is verified, that
   * account is promoted instead. Either stores {@code admin_created} with the change. Idempotent,
   * and safe when several instances start at once: one creates the account, the others find it.
   *
   * @throws ConflictException when no administrator exists and {@code email} belongs to an
   *     account whose address is not verified: anyone may have registered it, so it is never
   *     made an administrator (verify it, delete it, or choose another email)
   * @throws dev.userservice.domain.InvalidInputException when {@code password} breaks the
   *     password rules (length, the email's name, common and breached passwords)
   */
  public Outcome ensure(Command command) {
    Email email = command.email();
    Password password = command.password();
    if (users.anyAdmin()) {
      return new Outcome(false, false, email, Optional.empty());
    }
    var existing = users.findByEmail(email);
    if (existing.isPresent()) {
      User user = existing.get();
      if (!user.isEmailVerified()) {
        throw new ConflictException("no administrator exists, and the account " + user.id()
            + " with the email " + email + " has not verified that address: anyone may have"
            + " registered it, so it is not made an administrator");
      }
      var now = clock.now();
      writes.update(user, user.withRole(Role.ADMIN, now), List.of(
          new UserEvent.AdminCreated(UserEvent.Meta.bySystem(now, user.id()), email, true)));
      return new Outcome(false, true, email, Optional.empty());
    }
    Optional<String> generated = password == null
        ? Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(18)))
        : Optional.empty();
    Password chosen = password == null ? new Password(generated.get()) : password;
    newPasswords.check(chosen, "ADMIN_PASSWORD", email);
    var now = clock.now();
    User admin = User.register(UserId.generate(now, random.bytes(16)), email, null, null,
        hasher.hash(chosen), Role.ADMIN, now).verified(now);
    try {
      writes.insert(admin, List.of(
          new UserEvent.AdminCreated(UserEvent.Meta.bySystem(now, admin.id()), email, false)));
      return new Outcome(true, false, email, generated);
    } catch (ConflictException anotherInstanceWasFaster) {
      return new Outcome(false, false, email, Optional.empty());
    }
  }
}
