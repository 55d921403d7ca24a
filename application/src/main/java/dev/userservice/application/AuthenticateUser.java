package dev.userservice.application;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.Password;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.event.UserEvent.LoginFailed.Reason;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Logs a user in with email and password. */
@Singleton
public final class AuthenticateUser {

  /**
   * Credentials as typed, where the request came from, for the per-address throttle and the
   * events ({@code null}: trusted code), and the role the account must have ({@code null}: any;
   * the admin console asks for {@link Role#ADMIN}).
   */
  public record Command(Email email, Password password, RequestContext request,
      Role requiredRole) {

    /**
     * Credentials from raw values, as a client sends them.
     *
     * @throws dev.userservice.domain.InvalidInputException naming every invalid field
     */
    public Command(String email, String password, RequestContext request) {
      this(email, password, request, null);
    }

    /** As {@link #Command(String, String, RequestContext)}, admitting only {@code role}. */
    public Command(String email, String password, RequestContext request, Role requiredRole) {
      this(new FieldErrors(), email, password, request, requiredRole);
    }

    public Command(Email email, Password password, RequestContext request) {
      this(email, password, request, null);
    }

    private Command(FieldErrors errors, String email, String password, RequestContext request,
        Role requiredRole) {
      this(errors.parse(() -> Email.of(email, "email")),
          errors.parse(() -> Password.of(password, "password")), errors.throwIfAnyElse(request),
          requiredRole);
    }

    public Command {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(password, "password");
      request = RequestContext.orNone(request);
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final Events events;
  private final SecondFactors secondFactors;

  @Inject
  AuthenticateUser(UserRepository users, UserWrites writes, PasswordHasher hasher, Clock clock,
      Sessions sessions, LoginThrottle throttle, Events events, SecondFactors secondFactors) {
    this.events = events;
    this.secondFactors = secondFactors;
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
   * lockout. Unverified users may log in (verifying needs a login); disabled ones may not, and
   * are refused exactly like a wrong password, after the same work; so is an account without the
   * command's required role.
   *
   * <p>Emits {@code login_succeeded}, or {@code login_failed} with the reason (unknown account,
   * wrong password, account disabled, role required, throttled), which only the audit trail and
   * the logs see: the caller gets the same answer for an unknown account and a wrong password,
   * after the same work.
   *
   * @throws UnauthenticatedException for an unknown email, a wrong password or a disabled
   *     account
   * @throws ThrottledException while the account or the address must wait
   * @throws dev.userservice.domain.UnavailableException when the password hasher is at capacity
   *     (or a store is down)
   * @throws UnauthenticatedException also for an account with a second factor, whose login goes
   *     through {@link #logIn}
   */
  public AuthTokens authenticate(Command command) {
    if (logIn(command) instanceof LoginResult.SessionStarted started) {
      return started.tokens();
    }
    throw new UnauthenticatedException("this account has a second factor: log in with logIn");
  }

  /**
   * Checks the credentials as {@link #authenticate} does. For an account without a second factor
   * the session starts ({@link LoginResult.SessionStarted}); for one with a confirmed one-time
   * password the answer is a challenge instead ({@link LoginResult.SecondFactorRequired}), and
   * the attempt stays counted against the throttles until {@link CompleteLogin} takes it back,
   * so a known password does not reset the count of wrong codes. Whether the account has a
   * second factor is read from the account already loaded: no extra work for the others.
   *
   * @throws UnauthenticatedException as {@link #authenticate} does
   * @throws ThrottledException while the account or the address must wait
   */
  public LoginResult logIn(Command command) {
    RequestContext request = command.request();
    try {
      throttle.reserve(command.email(), request.clientAddress());
    } catch (ThrottledException wait) {
      // Not looked up: a throttled flood costs no read of the accounts, and stores one row a
      // minute per address; the listeners hear of every refusal.
      UserEvent.LoginFailed refused = failure(command, null, Reason.THROTTLED);
      if (throttle.firstRefusalThisMinute(command.email(), request.clientAddress())) {
        events.publish(refused);
      } else {
        events.announce(refused);
      }
      throw wait;
    }
    Optional<User> found = users.findByEmail(command.email());
    if (found.isEmpty()) {
      hasher.verifyNothing(command.password());
      throw failed(command, null, Reason.UNKNOWN_ACCOUNT);
    }
    User user = found.get();
    if (!hasher.verify(command.password(), user.passwordHash())) {
      throw failed(command, user, Reason.WRONG_PASSWORD);
    }
    if (!user.isActive()) {
      // After the same hash work, the same answer, and the attempt stays counted: a disabled
      // account is no oracle for its password, nor for its status.
      throw failed(command, user, Reason.ACCOUNT_DISABLED);
    }
    if (command.requiredRole() != null && user.role() != command.requiredRole()) {
      // Likewise: the right password of an account without the role proves nothing here.
      throw failed(command, user, Reason.ROLE_REQUIRED);
    }
    if (user.hasSecondFactor()) {
      SecondFactors.Challenge challenge = secondFactors.challenge(user);
      return new LoginResult.SecondFactorRequired(challenge.token(), challenge.expiresAt());
    }
    throttle.succeeded(command.email(), request.clientAddress());
    Sessions.Started started = sessions.start(user, request);
    var succeeded = new UserEvent.LoginSucceeded(
        UserEvent.Meta.bySelf(clock.now(), user.id(), started.session(), request));
    if (!rehashed(user, command.password(), succeeded)) {
      events.publish(succeeded);
    }
    return new LoginResult.SessionStarted(started.tokens());
  }

  // The failure stays counted: it was counted when the attempt was reserved.
  private UnauthenticatedException failed(Command command, User user, Reason reason) {
    events.publish(failure(command, user, reason));
    return new UnauthenticatedException("wrong email or password");
  }

  private UserEvent.LoginFailed failure(Command command, User user, Reason reason) {
    return new UserEvent.LoginFailed(UserEvent.Meta.anonymous(clock.now(),
        user == null ? null : user.id(), command.request()), command.email(), reason);
  }

  /** Stores a new hash, with {@code succeeded}, if the stored one has outdated parameters. */
  private boolean rehashed(User user, Password password, UserEvent succeeded) {
    if (!hasher.needsRehash(user.passwordHash())) {
      return false;
    }
    try {
      writes.update(user, user.withPasswordHash(hasher.hash(password), clock.now()),
          List.of(succeeded));
      return true;
    } catch (ConflictException concurrentEdit) {
      return false; // someone else changed the account meanwhile; rehash at the next login
    }
  }
}
