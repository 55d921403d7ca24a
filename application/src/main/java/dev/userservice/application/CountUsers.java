package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.port.UserFilter;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Counts accounts for administrators, under the same filters as {@link ListUsers}. */
@Singleton
public final class CountUsers {

  private final UserRepository users;

  @Inject
  CountUsers(UserRepository users) {
    this.users = users;
  }

  /**
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   */
  public long count(Actor actor, UserFilter filter) {
    Authorization.requireAdmin(actor);
    return users.count(filter == null ? UserFilter.ANY : filter);
  }
}
