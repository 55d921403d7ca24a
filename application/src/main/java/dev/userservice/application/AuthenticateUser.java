package dev.userservice.application;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.Password;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;

/** Logs a user in with email and password. */
@Singleton
public final class AuthenticateUser {

  /** Credentials as typed, and the client's address for the per-address throttle (nullable). */
  public record Command(Email email, Password password, String clientAddress) {

    public Command(String email, String password, String clientAddress) {
      this(Email.of(email, "email"), Password.of(password, "password"), clientAddress);
    }

    public Command {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(password, "password");
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Sessions sessions;
  private final LoginThrottle throttle;

  @Inject
  AuthenticateUser(UserRepository users, UserWrites writes, PasswordHasher hasher, Clock clock,
      Sessions sessions, LoginThrottle throttle) {
    this.users = users;
    this.writes = writes;
    this.hasher = hasher;
    this.clock = clock;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  /**
   * Checks the credentials and starts a session. An unknown email costs one hash too and fails
   * exactly like a wrong password. Every attempt is reserved against the throttles per client
   * address and per account before any hashing, so concurrent guesses get no more real answers
   * than sequential ones: the policy's free attempts, then doubling waits; never a permanent
   * lockout. Unverified users may log in (verifying needs a login).
   *
   * @throws UnauthenticatedException for an unknown email or a wrong password
   * @throws ThrottledException while the account or the address must wait
   * @throws dev.userservice.domain.UnavailableException when the password hasher is at capacity
   *     (or a store is down)
   */
  public AuthTokens authenticate(Command command) {
    throttle.reserve(command.email(), command.clientAddress());
    Optional<User> found = users.findByEmail(command.email());
    if (found.isEmpty()) {
      hasher.verifyNothing(command.password());
      throw failed();
    }
    User user = found.get();
    if (!hasher.verify(command.password(), user.passwordHash())) {
      throw failed();
    }
    throttle.succeeded(command.email(), command.clientAddress());
    return sessions.start(rehashIfOutdated(user, command.password()));
  }

  // The failure stays counted: it was counted when the attempt was reserved.
  private static UnauthenticatedException failed() {
    return new UnauthenticatedException("wrong email or password");
  }

  private User rehashIfOutdated(User user, Password password) {
    if (!hasher.needsRehash(user.passwordHash())) {
      return user;
    }
    try {
      return writes.update(user, user.withPasswordHash(hasher.hash(password), clock.now()));
    } catch (ConflictException concurrentEdit) {
      return user; // someone else changed the account meanwhile; rehash at the next login
    }
  }
}
