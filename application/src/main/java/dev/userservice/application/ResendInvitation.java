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
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;

/** An administrator sends an invited account a new invitation, expired or not. */
@Singleton
public final class ResendInvitation {

  /** The invited account to send a new invitation to. */
  public record Command(Actor actor, UserId target, RequestContext request) {

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(target, "target");
      request = RequestContext.orNone(request);
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final MailOutbox outbox;
  private final Clock clock;
  private final Throttles throttles;
  private final Codes codes;

  @Inject
  ResendInvitation(UserRepository users, UserWrites writes, MailOutbox outbox, Clock clock,
      Throttles throttles, Codes codes) {
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.clock = clock;
    this.throttles = throttles;
    this.codes = codes;
  }

  /**
   * Voids the invitation's code, queues a letter with a new one and extends the invitation by
   * the policy's invitation lifetime from now; emits {@code invited} with {@code resent}.
   *
   * @return the account with its new invitation
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws NotFoundException when there is no such account
   * @throws ConflictException when the account was not invited or has accepted (or verified its
   *     email otherwise)
   * @throws dev.userservice.domain.ThrottledException when the administrator sent too many
   *     invitations this hour, or this account's invitations were sent too recently or too often
   */
  public User resend(Command command) {
    Actor actor = command.actor();
    Authorization.requireAdmin(actor);
    User user = users.findById(command.target())
        .orElseThrow(() -> new NotFoundException("no such user"));
    if (user.invitedUntil().isEmpty()) {
      throw new ConflictException("the account has no pending invitation");
    }
    throttles.acquire(InviteUser.bucket(actor), List.of(InviteUser.INVITATIONS_PER_ACCOUNT),
        "too many invitations from this account");
    Mail letter = codes.storeAndReturnLetter(user, CodePurpose.INVITATION, user.email());
    var now = clock.now();
    User stored = writes.update(user, user.invited(letter.expiresAt(), now),
        List.of(new UserEvent.Invited(UserEvent.Meta.by(now, actor, user.id(), command.request()),
            user.email(), letter.expiresAt(), true)));
    outbox.enqueue(letter, now);
    return stored;
  }
}
