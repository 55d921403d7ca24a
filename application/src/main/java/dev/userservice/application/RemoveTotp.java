package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.Password;
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

/** Turns off one's own one-time password, with its recovery codes. */
@Singleton
public final class RemoveTotp {

  /**
   * The caller, their current password, and a current code or one of their recovery codes (at
   * most one of them; neither only while the enrolment is unconfirmed).
   */
  public record Command(Actor actor, Password currentPassword, String code, String recoveryCode,
      RequestContext request) {

    /**
     * From raw values, as a client sends them.
     *
     * @throws InvalidInputException naming every invalid field
     */
    public Command(Actor actor, String currentPassword, String code, String recoveryCode,
        RequestContext request) {
      this(actor, parse(currentPassword, code, recoveryCode), code, recoveryCode, request);
    }

    private static Password parse(String currentPassword, String code, String recoveryCode) {
      FieldErrors errors = new FieldErrors();
      Password password = errors.parse(() -> Password.of(currentPassword, "current_password"));
      if (code != null && recoveryCode != null) {
        errors.reject("recovery_code", "give at most one of code and recovery_code");
      }
      return errors.throwIfAnyElse(password);
    }

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(currentPassword, "currentPassword");
      request = RequestContext.orNone(request);
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final MailOutbox outbox;
  private final Letters letters;
  private final OwnPassword ownPassword;
  private final SecondFactors secondFactors;
  private final Clock clock;

  @Inject
  RemoveTotp(UserRepository users, UserWrites writes, MailOutbox outbox, Letters letters,
      OwnPassword ownPassword, SecondFactors secondFactors, Clock clock) {
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.ownPassword = ownPassword;
    this.secondFactors = secondFactors;
    this.clock = clock;
  }

  /**
   * Removes the one-time password (confirmed or being enrolled) and its recovery codes. A
   * confirmed one needs a session that passed it (step-up), the current password (checked under
   * the login throttles) and a current code or an unused recovery code. Emits
   * {@code totp_removed} and mails the owner when a confirmed one was removed.
   *
   * @throws dev.userservice.domain.ForbiddenException a step-up refusal, in a session that did
   *     not pass the second factor
   * @throws InvalidInputException when the password or the code is wrong, or no code is given
   * @throws NotFoundException when the account has no one-time password
   */
  public void remove(Command command) {
    Actor actor = command.actor();
    User user = users.findById(actor.id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    TotpFactor factor = user.totp()
        .orElseThrow(() -> new NotFoundException("no one-time password is set up"));
    SecondFactors.requireStepUp(actor, user);
    ownPassword.check(user, command.currentPassword(), command.request());
    if (factor.isConfirmed() && !proven(user, factor, command)) {
      throw InvalidInputException.of(command.recoveryCode() != null ? "recovery_code" : "code",
          command.code() == null && command.recoveryCode() == null ? "is required"
              : "is wrong or was already used");
    }
    Instant now = clock.now();
    writes.update(user, user.withTotp(null, now), List.of(new UserEvent.TotpRemoved(
        UserEvent.Meta.by(now, actor, user.id(), command.request()))));
    if (factor.isConfirmed()) {
      outbox.enqueue(letters.totpRemoved(user, false, now), now);
    }
  }

  private boolean proven(User user, TotpFactor factor, Command command) {
    if (command.code() != null) {
      return secondFactors.acceptCode(user, factor, command.code());
    }
    return secondFactors.matchingRecoveryCode(user, factor, command.recoveryCode()).isPresent();
  }
}
