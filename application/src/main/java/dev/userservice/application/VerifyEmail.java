package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;

/** Confirms the calling user's email with the code that was mailed to it. */
@Singleton
public final class VerifyEmail {

  /** The per-address bucket of code confirmations, shared with {@link ResetPassword}. */
  static final String CODE_CHECKS = "code-check";

  /**
   * The calling user's code.
   *
   * @param request for the per-address limit on code confirmations (shared with
   *     {@link ResetPassword}) and the event; {@code null} for trusted callers
   */
  public record Command(Actor actor, VerificationCode code, RequestContext request) {

    /**
     * The code as the client sends it.
     *
     * @throws dev.userservice.domain.InvalidInputException when it is not six digits
     */
    public Command(Actor actor, String code, RequestContext request) {
      this(actor, VerificationCode.parse(code), request);
    }

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(code, "code");
      request = RequestContext.orNone(request);
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final Clock clock;
  private final Throttles throttles;
  private final Codes codes;

  @Inject
  VerifyEmail(UserRepository users, UserWrites writes, Clock clock, Throttles throttles,
      Codes codes) {
    this.users = users;
    this.writes = writes;
    this.clock = clock;
    this.throttles = throttles;
    this.codes = codes;
  }

  /**
   * Marks the email verified if the code is the live verification code. Stored with the
   * change: {@code email_verified} for an account's first verification, {@code email_changed}
   * when a changed address is verified (only a change of address unverifies an account).
   *
   * @return the verified account
   * @throws dev.userservice.domain.InvalidCodeException when the code is wrong, expired or
   *     exhausted (five wrong attempts void it), with that reason
   * @throws ConflictException when the email is already verified
   * @throws dev.userservice.domain.ThrottledException when the client address confirmed too many
   *     codes
   */
  public User verify(Command command) {
    Actor actor = command.actor();
    User user = users.findById(actor.id()).orElseThrow(() -> new NotFoundException("no such user"));
    if (user.isEmailVerified()) {
      throw new ConflictException("the email is already verified");
    }
    throttles.perAddress(CODE_CHECKS, command.request().clientAddress());
    codes.consume(user, CodePurpose.EMAIL_VERIFICATION, command.code());
    var now = clock.now();
    var meta = UserEvent.Meta.by(now, actor, user.id(), command.request());
    UserEvent recorded = user.everVerified()
        ? new UserEvent.EmailChanged(meta, user.email())
        : new UserEvent.EmailVerified(meta, user.email());
    return writes.update(user, user.verified(now), List.of(recorded));
  }
}
