package dev.userservice.domain;

import java.util.Objects;

/**
 * Who is asking: an authenticated user as the access token describes them. Use cases decide
 * authorization from it, so an embedding application gets the same rules as the HTTP API.
 *
 * @param cacheRevision the user's cache revision as the session store reported it when the token
 *     was checked ({@link dev.userservice.domain.port.SessionStore#liveSessionCacheRevision}): a
 *     copy of the user cached under it is current, so a use case may serve that copy;
 *     {@code null} when unknown (nothing is cached)
 * @param methods how the session's owner signed in (its token's {@code amr})
 */
public record Actor(UserId id, Role role, SessionId session, String cacheRevision,
    AuthMethods methods) {

  public Actor(UserId id, Role role, SessionId session) {
    this(id, role, session, null);
  }

  public Actor(UserId id, Role role, SessionId session, String cacheRevision) {
    this(id, role, session, cacheRevision, AuthMethods.PASSWORD);
  }

  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(methods, "methods");
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public boolean is(UserId user) {
    return id.equals(user);
  }
}
