package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Deletes an account, for administrators. */
@Singleton
public final class DeleteUser {

  private final UserRepository users;
  private final TokenStore tokenStore;

  @Inject
  public DeleteUser(UserRepository users, TokenStore tokenStore) {
    this.users = users;
    this.tokenStore = tokenStore;
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
    users.delete(id);
    tokenStore.revokeAllSessions(id);
    tokenStore.deleteCodes(id);
  }
}
