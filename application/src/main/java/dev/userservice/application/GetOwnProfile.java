package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.User;
import dev.userservice.domain.port.UserCache;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the calling user's own account. Served from the {@link UserCache} while the cache
 * revision the session store reported at authentication is the one the copy was read at, so the
 * most frequent authenticated call costs the session check alone; every stored change to a user
 * gives their sessions a new cache revision, so a change shows at once.
 */
@Singleton
public final class GetOwnProfile {

  private final UserRepository users;
  private final UserCache cache;

  @Inject
  GetOwnProfile(UserRepository users, UserCache cache) {
    this.users = users;
    this.cache = cache;
  }

  /**
   * The account as it was when {@code actor} was authenticated, or newer: authenticate each
   * request (as the HTTP API does) to see changes made since.
   *
   * @throws NotFoundException when the account was deleted meanwhile
   */
  public User get(Actor actor) {
    String revision = actor.cacheRevision();
    if (revision != null) {
      Optional<User> cached = cache.get(revision);
      if (cached.isPresent() && cached.get().id().equals(actor.id())) {
        return cached.get();
      }
    }
    User user = users.findById(actor.id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    if (revision != null) {
      cache.put(revision, user);
    }
    return user;
  }
}
