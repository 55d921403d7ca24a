package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
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

  private final UserWrites writes;
  private final Clock clock;

  @Inject
  DeleteUser(UserWrites writes, Clock clock) {
    this.writes = writes;
    this.clock = clock;
  }

  /**
   * Deletes the target and ends its sessions and codes; {@code user_deleted} is stored with the
   * deletion.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such user
   * @throws dev.userservice.domain.ConflictException when it is the last active administrator
   */
  public void delete(Command command) {
    Authorization.requireAdmin(command.actor());
    writes.delete(command.target(), new UserEvent.UserDeleted(UserEvent.Meta.by(clock.now(),
        command.actor(), command.target(), command.request())));
  }
}
