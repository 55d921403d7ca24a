package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.port.UserFilter;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Counts accounts for administrators, under the same filters as {@link ListUsers}. */
@Singleton
public final class CountUsers {

  /** Who asks, and which accounts to count ({@code null}: every account). */
  public record Query(Actor actor, UserFilter filter) {

    public Query {
      Objects.requireNonNull(actor, "actor");
      filter = filter == null ? UserFilter.ANY : filter;
    }
  }

  private final UserRepository users;

  @Inject
  CountUsers(UserRepository users) {
    this.users = users;
  }

  /**
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   */
  public long count(Query query) {
    Authorization.requireAdmin(query.actor());
    return users.count(query.filter());
  }
}
