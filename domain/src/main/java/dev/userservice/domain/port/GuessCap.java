package dev.userservice.domain.port;

import java.time.Duration;
import java.util.Objects;

/**
 * A cap on wrong guesses at the one-time codes of one user and purpose, across all the codes
 * issued: once {@code maxMisses} misses fall within {@code window}, the purpose is locked for
 * the user for {@code firstLockout}; each further lock lasts twice as long as the one before, up
 * to {@code maxLockout}. How many locks came before is forgotten {@code maxLockout} after the
 * last one ends.
 */
public record GuessCap(int maxMisses, Duration window, Duration firstLockout,
    Duration maxLockout) {

  public GuessCap {
    if (maxMisses < 1) {
      throw new IllegalArgumentException("maxMisses must be positive");
    }
    for (Duration d : new Duration[] {window, firstLockout, maxLockout}) {
      Objects.requireNonNull(d, "durations");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive");
      }
    }
    if (maxLockout.compareTo(firstLockout) < 0) {
      throw new IllegalArgumentException("maxLockout must not be shorter than firstLockout");
    }
  }

  /** How long the {@code lock}-th lock (counting from 1) lasts. */
  public Duration lockout(int lock) {
    Duration length = firstLockout.multipliedBy(1L << Math.min(Math.max(lock - 1, 0), 30));
    return length.compareTo(maxLockout) > 0 || length.isNegative() ? maxLockout : length;
  }
}
