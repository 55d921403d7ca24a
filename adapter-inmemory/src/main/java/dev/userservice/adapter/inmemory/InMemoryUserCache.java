package dev.userservice.adapter.inmemory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.userservice.domain.User;
import dev.userservice.domain.port.UserCache;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link UserCache} on a Caffeine cache: at most {@code maxEntries} users (least recently and
 * frequently used go first), each kept at most {@code expiry} after it was read. The expiry only
 * matters when announcing a change failed (the store went away between the database write and
 * the new cache revision); a change normally shows at once because the revision moves on.
 */
@Singleton
public final class InMemoryUserCache implements UserCache {

  private final Cache<String, User> users;

  public InMemoryUserCache(int maxEntries, Duration expiry) {
    this.users = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(expiry).build();
  }

  /** Room for 10,000 users, each kept at most a minute. */
  @Inject
  public InMemoryUserCache() {
    this(10_000, Duration.ofMinutes(1));
  }

  @Override
  public Optional<User> get(String cacheRevision) {
    return Optional.ofNullable(users.getIfPresent(cacheRevision));
  }

  @Override
  public void put(String cacheRevision, User user) {
    users.put(cacheRevision, user);
  }
}
