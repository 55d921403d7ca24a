package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Reads any account by id: administrators, or the owner. */
@Singleton
public final class GetUser {

  /** Which account, and who asks. */
  public record Query(Actor actor, UserId id) {

    public Query {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(id, "id");
    }
  }

  private final UserRepository users;

  @Inject
  GetUser(UserRepository users) {
    this.users = users;
  }

  /**
   * @throws dev.userservice.domain.ForbiddenException when the actor is neither an
   *     administrator nor the owner
   * @throws NotFoundException when there is no such user
   */
  public User get(Query query) {
    Authorization.requireSelfOrAdmin(query.actor(), query.id());
    return users.findById(query.id()).orElseThrow(() -> new NotFoundException("no such user"));
  }
}
