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
import java.util.Objects;

/** Deletes an account, for administrators. */
@Singleton
public final class DeleteUser {

  /**
   * A deletion of {@code target}.
   *
   * @param request where the request came from, for the event ({@code null}: trusted code)
   */
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
  DeleteUser(UserRepository users, UserWrites writes, MailOutbox outbox, Letters letters,
      Clock clock) {
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.clock = clock;
  }

  /**
   * Deletes the target and ends its sessions and codes; {@code user_deleted} is stored with the
   * deletion. Then the account's address is told, in its language, when it was verified: an
   * address nobody proved may belong to someone who never had the account.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such user
   * @throws dev.userservice.domain.ConflictException when it is the last active administrator
   */
  public void delete(Command command) {
    Authorization.requireAdmin(command.actor());
    User user = users.findById(command.target())
        .orElseThrow(() -> new NotFoundException("no such user"));
    Instant now = clock.now();
    writes.delete(user.id(), new UserEvent.UserDeleted(UserEvent.Meta.by(now,
        command.actor(), user.id(), command.request())));
    if (user.isEmailVerified()) {
      outbox.enqueue(letters.accountDeleted(user, now), now);
    }
  }
}
