package dev.userservice.domain.port;

import java.time.Duration;

/** At most {@code max} events in any sliding {@code window}. */
public record RateLimit(int max, Duration window) {

  public RateLimit {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
  }
}
