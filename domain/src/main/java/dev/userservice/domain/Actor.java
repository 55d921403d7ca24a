package dev.userservice.domain;

import java.util.Objects;

/**
 * Who is asking: an authenticated user as the access token describes them. Use cases decide
 * authorization from it, so an embedding application gets the same rules as the HTTP API.
 */
public record Actor(UserId id, Role role, SessionId session) {

  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(session, "session");
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public boolean is(UserId user) {
    return id.equals(user);
  }
}
