package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.UserId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Deletes an account, for administrators. */
@Singleton
public final class DeleteUser {

  private final UserWrites writes;

  @Inject
  DeleteUser(UserWrites writes) {
    this.writes = writes;
  }

  /**
   * Deletes {@code id} and ends its sessions and codes.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such user
   * @throws dev.userservice.domain.ConflictException when it is the last administrator
   */
  public void delete(Actor actor, UserId id) {
    Authorization.requireAdmin(actor);
    writes.delete(id);
  }
}
