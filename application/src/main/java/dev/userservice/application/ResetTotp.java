package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An administrator turns off a user's one-time password (the user lost their authenticator). */
@Singleton
public final class ResetTotp {

  /** The administrator, the account, and where the request came from. */
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
  private final Letters letters;
  private final Clock clock;

  @Inject
  ResetTotp(UserRepository users, UserWrites writes, MailOutbox outbox, Letters letters,
      Clock clock) {
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.clock = clock;
  }

  /**
   * Removes the target's one-time password (confirmed or being enrolled) and recovery codes; the
   * password alone logs in again. Emits {@code totp_reset} and mails the user.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws NotFoundException when there is no such user, or it has no one-time password
   */
  public void reset(Command command) {
    Authorization.requireAdmin(command.actor());
    User user = users.findById(command.target())
        .orElseThrow(() -> new NotFoundException("no such user"));
    if (user.totp().isEmpty()) {
      throw new NotFoundException("the user has no one-time password");
    }
    Instant now = clock.now();
    writes.update(user, user.withTotp(null, now), List.of(new UserEvent.TotpReset(
        UserEvent.Meta.by(now, command.actor(), user.id(), command.request()))));
    outbox.enqueue(letters.totpRemoved(user, true, now), now);
  }
}
