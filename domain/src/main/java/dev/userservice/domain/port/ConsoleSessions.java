package dev.userservice.domain.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The server-side sessions of the browser admin console, shared by every instance of the
 * service. A session is found by the hash of the random id its cookie carries; the store never
 * sees the id itself. Every method is atomic under concurrency, every entry expires on its own,
 * and every method may throw {@link dev.userservice.domain.UnavailableException} when the store
 * cannot be reached in time. {@code now} is always the caller's clock, so expiry is testable.
 */
public interface ConsoleSessions {

  /**
   * Keeps {@code session} under {@code idHash}, last used at {@code now}: it lives while it is
   * used at least once every {@code idleTimeout}, and never beyond its
   * {@link ConsoleSession#expiresAt}.
   */
  void save(String idHash, ConsoleSession session, Duration idleTimeout, Instant now);

  /**
   * The session under {@code idHash} if it is live at {@code now} (used within
   * {@code idleTimeout} before, and before its end), which then counts as used at {@code now};
   * otherwise empty, and a session found idle or ended is removed.
   */
  Optional<ConsoleSession> use(String idHash, Duration idleTimeout, Instant now);

  /** Ends the session under {@code idHash}; an unknown one is not an error. */
  void remove(String idHash);
}
