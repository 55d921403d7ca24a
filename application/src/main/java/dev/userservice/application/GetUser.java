package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Reads any account by id: administrators, or the owner. */
@Singleton
public final class GetUser {

  private final UserRepository users;

  @Inject
  GetUser(UserRepository users) {
    this.users = users;
  }

  /**
   * @throws dev.userservice.domain.ForbiddenException when {@code actor} is neither an
   *     administrator nor the owner
   * @throws NotFoundException when there is no such user
   */
  public User get(Actor actor, UserId id) {
    Authorization.requireSelfOrAdmin(actor, id);
    return users.findById(id).orElseThrow(() -> new NotFoundException("no such user"));
  }
}
