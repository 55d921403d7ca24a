package dev.userservice.domain.port;

import dev.userservice.domain.User;
import java.util.Optional;

/**
 * Users kept in this process under the cache revision they were read at (see
 * {@link SessionStore#liveSessionCacheRevision}), so that reading one's own account needs no
 * database round trip while nothing about it changed. Bounded: an entry may disappear at any
 * time, and none outlives a short expiry, which bounds how long a copy can be served if
 * announcing a change failed.
 */
public interface UserCache {

  Optional<User> get(String cacheRevision);

  void put(String cacheRevision, User user);
}
