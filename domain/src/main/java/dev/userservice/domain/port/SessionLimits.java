package dev.userservice.domain.port;

import java.time.Duration;

/**
 * How long refresh sessions live and how many one user may hold.
 *
 * @param ttl how long a session lives after its creation or its last rotation
 * @param maxLifetime how long a session may live at most from its creation, however often it is
 *     rotated
 * @param maxPerUser how many live sessions one user may hold; starting one more ends the one
 *     that would expire first
 */
public record SessionLimits(Duration ttl, Duration maxLifetime, int maxPerUser) {

  public SessionLimits {
    requirePositive(ttl, "ttl");
    requirePositive(maxLifetime, "maxLifetime");
    if (maxPerUser < 1) {
      throw new IllegalArgumentException("maxPerUser must be positive");
    }
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
