package dev.userservice.domain.port;

import dev.userservice.domain.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a session's owner may see of one live session: never a token or its hash.
 *
 * @param lastRefreshedAt when its refresh token was last rotated; {@code null} when never
 * @param expiresAt when it ends unless refreshed again
 */
public record SessionInfo(SessionId session, Instant createdAt, Instant lastRefreshedAt,
    Instant expiresAt, SessionOrigin origin) {

  public SessionInfo {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    origin = origin == null ? SessionOrigin.UNKNOWN : origin;
  }
}
