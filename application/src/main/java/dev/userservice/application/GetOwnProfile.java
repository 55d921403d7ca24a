package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.User;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Reads the calling user's own account. */
@Singleton
public final class GetOwnProfile {

  private final UserRepository users;

  @Inject
  public GetOwnProfile(UserRepository users) {
    this.users = users;
  }

  /**
   * @throws NotFoundException when the account was deleted meanwhile
   */
  public User get(Actor actor) {
    return users.findById(actor.id()).orElseThrow(() -> new NotFoundException("no such user"));
  }
}
