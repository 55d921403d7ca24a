package dev.userservice.adapter.http.console;

import dev.userservice.domain.port.ConsoleSessions;
import java.time.Duration;
import java.util.Objects;

/**
 * The admin console ({@code /admin}): where its sessions are kept and how long they last.
 *
 * @param sessions the shared store of console sessions
 * @param idleTimeout a console session unused this long ends
 * @param maxLifetime a console session ends this long after its sign-in, however active
 */
public record ConsoleSettings(ConsoleSessions sessions, Duration idleTimeout,
    Duration maxLifetime) {

  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(8);

  public ConsoleSettings {
    Objects.requireNonNull(sessions, "sessions");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("the idle timeout must be positive: " + idleTimeout);
    }
    if (maxLifetime.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException("the maximum lifetime (" + maxLifetime
          + ") must not be shorter than the idle timeout (" + idleTimeout + ")");
    }
  }

  /** The default timeouts over {@code sessions}. */
  public static ConsoleSettings over(ConsoleSessions sessions) {
    return new ConsoleSettings(sessions, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_LIFETIME);
  }
}
