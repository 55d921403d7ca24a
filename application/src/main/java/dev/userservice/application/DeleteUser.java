package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Deletes an account, for administrators. */
@Singleton
public final class DeleteUser {

  private final UserWrites writes;
  private final Clock clock;

  @Inject
  DeleteUser(UserWrites writes, Clock clock) {
    this.writes = writes;
    this.clock = clock;
  }

  /**
   * Deletes {@code id} and ends its sessions and codes; {@code user_deleted} is stored with the
   * deletion.
   *
   * @param request where the request came from, for the event
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such user
   * @throws dev.userservice.domain.ConflictException when it is the last administrator
   */
  public void delete(Actor actor, UserId id, RequestContext request) {
    Authorization.requireAdmin(actor);
    writes.delete(id, new UserEvent.UserDeleted(UserEvent.Meta.by(clock.now(), actor, id,
        request)));
  }
}
