package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Mails a user (the caller, or one an administrator names) a new email-verification code. */
@Singleton
public final class ResendVerificationCode {

  /** Who asks, for which account, and where the request came from ({@code null}: trusted code). */
  public record Command(Actor actor, UserId target, RequestContext request) {

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(target, "target");
      request = RequestContext.orNone(request);
    }
  }

  private final UserRepository users;
  private final Throttles throttles;
  private final Codes codes;
  private final Clock clock;
  private final Events events;

  @Inject
  ResendVerificationCode(UserRepository users, Throttles throttles, Codes codes, Clock clock,
      Events events) {
    this.clock = clock;
    this.events = events;
    this.users = users;
    this.throttles = throttles;
    this.codes = codes;
  }

  /**
   * Voids the previous code and queues a letter with a new one; emits
   * {@code verification_code_sent}.
   *
   * @throws ConflictException when the email is already verified
   * @throws dev.userservice.domain.ThrottledException at most one code per minute and five per
   *     hour per user, and the per-address limit
   */
  public void resend(ActorRequest command) {
    resend(new Command(command.actor(), command.actor().id(), command.request()));
  }

  /**
   * As {@link #resend(ActorRequest)}, for the account {@code target} names: the actor's own, or
   * any for an administrator (the admin console's "resend verification").
   *
   * @throws dev.userservice.domain.ForbiddenException when the actor is neither the target nor an
   *     administrator
   * @throws NotFoundException when there is no such user
   */
  public void resend(Command command) {
    Actor actor = command.actor();
    Authorization.requireSelfOrAdmin(actor, command.target());
    User user = users.findById(command.target())
        .orElseThrow(() -> new NotFoundException("no such user"));
    if (user.isEmailVerified()) {
      throw new ConflictException("the email is already verified");
    }
    throttles.perAddress("code", command.request().clientAddress());
    codes.send(user, CodePurpose.EMAIL_VERIFICATION, user.email());
    events.publish(new UserEvent.VerificationCodeSent(
        UserEvent.Meta.by(clock.now(), actor, user.id(), command.request()), user.email()));
  }
}
