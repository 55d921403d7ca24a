package dev.userservice.application;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.Password;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.Optional;

/** Makes sure an administrator exists, at start-up. */
@Singleton
public final class EnsureAdmin {

  /** What happened: nothing, or an admin was created (with the password if one was generated). */
  public record Outcome(boolean created, Email email, Optional<String> generatedPassword) {

    @Override
    public String toString() {
      return "Outcome[created=" + created + ", email=" + email + "]";
    }
  }

  private final UserRepository users;
  private final TokenStore tokenStore;
  private final PasswordHasher hasher;
  private final RandomSource random;
  private final Clock clock;
  private final SecurityPolicy policy;

  @Inject
  public EnsureAdmin(UserRepository users, TokenStore tokenStore, PasswordHasher hasher,
      RandomSource random, Clock clock, SecurityPolicy policy) {
    this.users = users;
    this.tokenStore = tokenStore;
    this.hasher = hasher;
    this.random = random;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * If no administrator exists, creates a verified one with {@code email} and {@code password},
   * or with a generated strong password (returned, to be shown once) when {@code password} is
   * {@code null}. If {@code email} already belongs to a user, that user is promoted and verified
   * instead. Idempotent, and safe when several instances start at once: one creates the account,
   * the others find it.
   */
  public Outcome ensure(Email email, Password password) {
    if (users.anyAdmin()) {
      return new Outcome(false, email, Optional.empty());
    }
    var existing = users.findByEmail(email);
    if (existing.isPresent()) {
      User user = existing.get();
      User admin = user.withRole(Role.ADMIN, clock.now());
      users.update(admin.isEmailVerified() ? admin : admin.verified(clock.now()));
      tokenStore.userChanged(user.id());
      return new Outcome(false, email, Optional.empty());
    }
    Optional<String> generated = password == null
        ? Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(18)))
        : Optional.empty();
    Password chosen = password == null ? new Password(generated.get()) : password;
    policy.passwordPolicy().check(chosen, "ADMIN_PASSWORD");
    var now = clock.now();
    User admin = User.register(UserId.generate(now, random.bytes(16)), email, null, null,
        hasher.hash(chosen), Role.ADMIN, now).verified(now);
    try {
      users.insert(admin);
      return new Outcome(true, email, generated);
    } catch (ConflictException anotherInstanceWasFaster) {
      return new Outcome(false, email, Optional.empty());
    }
  }
}
