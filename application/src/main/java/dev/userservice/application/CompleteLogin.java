package dev.userservice.application;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.TotpFactor;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.event.UserEvent.LoginFailed.Reason;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The second step of a login: a one-time password (or a recovery code) for a challenge. */
@Singleton
public final class CompleteLogin {

  /**
   * The challenge {@link AuthenticateUser#logIn} gave, and exactly one of a one-time password
   * ({@code code}) and a recovery code; where the request came from, for the throttles and the
   * events ({@code null}: trusted code).
   */
  public record Command(String challenge, String code, String recoveryCode,
      RequestContext request) {

    /**
     * The second step from raw values, as a client sends them.
     *
     * @throws InvalidInputException naming every missing field, or both codes given
     */
    public Command {
      FieldErrors errors = new FieldErrors();
      if (challenge == null || challenge.isBlank()) {
        errors.reject("challenge", "is required");
      }
      if ((code == null) == (recoveryCode == null)) {
        errors.reject(code == null ? "code" : "recovery_code",
            "give exactly one of code and recovery_code");
      }
      request = errors.throwIfAnyElse(RequestContext.orNone(request));
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final MailOutbox outbox;
  private final Letters letters;
  private final Sessions sessions;
  private final SecondFactors secondFactors;
  private final LoginThrottle throttle;
  private final Events events;
  private final Clock clock;

  @Inject
  CompleteLogin(UserRepository users, UserWrites writes, MailOutbox outbox, Letters letters,
      Sessions sessions, SecondFactors secondFactors, LoginThrottle throttle, Events events,
      Clock clock) {
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.sessions = sessions;
    this.secondFactors = secondFactors;
    this.throttle = throttle;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Starts the session a challenge was waiting for when the code is right: a one-time password
   * of the account within one time step of now, whose step was never accepted before, or one of
   * its unused recovery codes (then spent; the owner is told by mail how many are left). The
   * challenge is single use, expires after the policy's time and is void after its wrong
   * attempts; every attempt is reserved against the login throttles first (per account and per
   * address, as passwords are) and only a success takes it back. The session's tokens say
   * {@code amr: ["pwd", "otp"]}.
   *
   * <p>Emits {@code login_succeeded} (with {@code recovery_code_used} when a recovery code was
   * spent), or {@code login_failed} with the reason {@code wrong_second_factor}.
   *
   * @throws UnauthenticatedException for a malformed, unknown, expired, used or exhausted
   *     challenge, or a wrong, replayed or spent code: always the same answer
   * @throws ThrottledException while the account or the address must wait
   */
  public AuthTokens complete(Command command) {
    UserId id = SecondFactors.challengedUser(command.challenge());
    User user = users.findById(id).orElseThrow(SecondFactors::invalidChallenge);
    TotpFactor factor = user.totp().filter(TotpFactor::isConfirmed)
        .orElseThrow(SecondFactors::invalidChallenge);
    RequestContext request = command.request();
    throttle.reserve(user.email(), request.clientAddress());
    Optional<String> recoveryCode = command.recoveryCode() == null ? Optional.empty()
        : secondFactors.matchingRecoveryCode(user, factor, command.recoveryCode());
    OptionalLong step = command.code() == null ? OptionalLong.empty()
        : secondFactors.matchingStep(factor, command.code());
    // The challenge is settled before the step is marked used, so a code tried on a void
    // challenge stays good for a fresh one; a replayed step then spends the challenge it came
    // with.
    boolean right = user.isActive() && (step.isPresent() || recoveryCode.isPresent());
    boolean passed = secondFactors.settle(command.challenge(), right) == CodeCheck.ACCEPTED
        && (step.isEmpty() || secondFactors.firstUse(user, step.getAsLong()));
    if (!passed) {
      events.publish(new UserEvent.LoginFailed(UserEvent.Meta.anonymous(clock.now(), user.id(),
          request), user.email(), Reason.WRONG_SECOND_FACTOR));
      throw SecondFactors.invalidChallenge();
    }
    Sessions.Started started = sessions.start(user, request, AuthMethods.PASSWORD_AND_OTP);
    Instant now = clock.now();
    var succeeded = new UserEvent.LoginSucceeded(
        UserEvent.Meta.bySelf(now, user.id(), started.session(), request));
    if (recoveryCode.isPresent()) {
      spend(user, factor, recoveryCode.get(), succeeded, started, now);
    } else {
      events.publish(succeeded);
    }
    throttle.succeeded(user.email(), request.clientAddress());
    return started.tokens();
  }

  /** Spends the recovery code with the login's event; a racing use of it loses the session. */
  private void spend(User user, TotpFactor factor, String hash, UserEvent succeeded,
      Sessions.Started started, Instant now) {
    TotpFactor left = factor.withoutRecoveryCode(hash);
    var used = new UserEvent.RecoveryCodeUsed(UserEvent.Meta.bySelf(now, user.id(),
        started.session(), succeeded.meta().request()), left.recoveryCodeHashes().size());
    try {
      writes.update(user, user.withTotp(left, now), List.of(succeeded, used));
    } catch (ConflictException concurrentChange) {
      // The account changed since it was read (perhaps this very code was spent): the session
      // just started must not outlive a code that may not have been spent by it.
      sessions.end(user, started.session());
      throw SecondFactors.invalidChallenge();
    }
    outbox.enqueue(letters.recoveryCodeUsed(user, left.recoveryCodeHashes().size(), now), now);
  }
}
