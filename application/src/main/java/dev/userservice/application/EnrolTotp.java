package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.Password;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.TotpFactor;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Starts turning on a one-time password (TOTP) for one's own account. */
@Singleton
public final class EnrolTotp {

  /** The caller and their current password; where the request came from. */
  public record Command(Actor actor, Password currentPassword, RequestContext request) {

    /**
     * From raw values, as a client sends them.
     *
     * @throws dev.userservice.domain.InvalidInputException when the password is missing
     */
    public Command(Actor actor, String currentPassword, RequestContext request) {
      this(actor, parse(currentPassword), request);
    }

    private static Password parse(String currentPassword) {
      FieldErrors errors = new FieldErrors();
      return errors.throwIfAnyElse(
          errors.parse(() -> Password.of(currentPassword, "current_password")));
    }

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(currentPassword, "currentPassword");
      request = RequestContext.orNone(request);
    }
  }

  /**
   * The new secret, for the owner's authenticator app: in base32 to type in, and as the Key URI
   * a QR code carries. Shown now only; the service keeps the secret sealed.
   */
  public record Enrolment(String secret, String keyUri) {

    @Override
    public String toString() {
      return "Enrolment[***]";
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final OwnPassword ownPassword;
  private final SecondFactors secondFactors;
  private final Clock clock;

  @Inject
  EnrolTotp(UserRepository users, UserWrites writes, OwnPassword ownPassword,
      SecondFactors secondFactors, Clock clock) {
    this.users = users;
    this.writes = writes;
    this.ownPassword = ownPassword;
    this.secondFactors = secondFactors;
    this.clock = clock;
  }

  /**
   * Gives the caller a new 160-bit secret, which guards nothing until {@link ConfirmTotp} proves
   * the authenticator holds it; a new enrolment replaces an unconfirmed one. The current password
   * is checked under the login throttles. Emits {@code totp_enrolment_started}.
   *
   * @throws dev.userservice.domain.InvalidInputException when the current password is wrong
   * @throws ConflictException when a confirmed one-time password is already on
   * @throws dev.userservice.domain.ThrottledException while the account or address must wait
   */
  public Enrolment enrol(Command command) {
    Actor actor = command.actor();
    User user = users.findById(actor.id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    if (user.hasSecondFactor()) {
      throw new ConflictException("a one-time password is already on; remove it first");
    }
    ownPassword.check(user, command.currentPassword(), command.request());
    TotpFactor factor = secondFactors.newFactor();
    Instant now = clock.now();
    writes.update(user, user.withTotp(factor, now), List.of(new UserEvent.TotpEnrolmentStarted(
        UserEvent.Meta.by(now, actor, user.id(), command.request()))));
    return new Enrolment(Totp.base32(factor.secret()), secondFactors.keyUri(user, factor));
  }
}
