package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.TotpFactor;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Turns on the one-time password being enrolled, once a code proves the app holds it. */
@Singleton
public final class ConfirmTotp {

  /** The caller and a code from their authenticator app. */
  public record Command(Actor actor, String code, RequestContext request) {

    /**
     * @throws InvalidInputException when the code is missing
     */
    public Command {
      Objects.requireNonNull(actor, "actor");
      FieldErrors errors = new FieldErrors();
      if (code == null || code.isBlank()) {
        errors.reject("code", "is required");
      }
      request = errors.throwIfAnyElse(RequestContext.orNone(request));
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final MailOutbox outbox;
  private final Letters letters;
  private final SecondFactors secondFactors;
  private final LoginThrottle throttle;
  private final Clock clock;

  @Inject
  ConfirmTotp(UserRepository users, UserWrites writes, MailOutbox outbox, Letters letters,
      SecondFactors secondFactors, LoginThrottle throttle, Clock clock) {
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.secondFactors = secondFactors;
    this.throttle = throttle;
    this.clock = clock;
  }

  /**
   * Confirms the enrolment when {@code code} is the secret's code (within one time step, each
   * step accepted once): from now on logins and sensitive actions need the second factor. Wrong
   * codes count against the login throttles. Emits {@code totp_enrolled} and mails the owner.
   *
   * @return the recovery codes, shown only now; the account keeps their keyed hashes
   * @throws InvalidInputException on {@code code} when it is wrong
   * @throws ConflictException when no enrolment is in progress, or it is already confirmed
   * @throws dev.userservice.domain.ThrottledException while the account or address must wait
   */
  public List<String> confirm(Command command) {
    Actor actor = command.actor();
    User user = users.findById(actor.id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    TotpFactor pending = user.totp().filter(factor -> !factor.isConfirmed())
        .orElseThrow(() -> new ConflictException(user.hasSecondFactor()
            ? "the one-time password is already on" : "no enrolment in progress; start one"));
    throttle.reserve(user.email(), command.request().clientAddress());
    if (!secondFactors.acceptCode(user, pending, command.code())) {
      throw InvalidInputException.of("code", "is wrong or was already used");
    }
    throttle.succeeded(user.email(), command.request().clientAddress());
    SecondFactors.RecoveryCodes recovery = secondFactors.newRecoveryCodes(user.id());
    Instant now = clock.now();
    writes.update(user, user.withTotp(pending.confirmed(now, recovery.hashes()), now),
        List.of(new UserEvent.TotpEnrolled(
            UserEvent.Meta.by(now, actor, user.id(), command.request()))));
    outbox.enqueue(letters.totpEnrolled(user, now), now);
    return recovery.codes();
  }
}
