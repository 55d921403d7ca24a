package dev.userservice.domain.port;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in administrator of the browser console, as {@link ConsoleSessions} keeps it: the
 * service session the sign-in started (whose end ends this one too), what the sign-in proved,
 * the form token its pages carry, and its lifetime.
 *
 * @param user who signed in
 * @param session the service session the sign-in started
 * @param role the role the sign-in found; a role change ends {@code session}
 * @param methods how the sign-in was proven
 * @param formToken the secret every form of this console session carries (CSRF)
 * @param startedAt when the sign-in happened
 * @param expiresAt when the console session ends however active it is
 */
public record ConsoleSession(UserId user, SessionId session, Role role, AuthMethods methods,
    String formToken, Instant startedAt, Instant expiresAt) {

  public ConsoleSession {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(methods, "methods");
    Objects.requireNonNull(formToken, "formToken");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(startedAt)) {
      throw new IllegalArgumentException("a console session must end after it starts");
    }
  }

  @Override
  public String toString() {
    return "ConsoleSession[user=" + user + ", session=" + session + ", role=" + role
        + ", expiresAt=" + expiresAt + "]";
  }
}
