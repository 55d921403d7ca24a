package dev.userservice.domain;

import java.time.Duration;

/** Too many attempts; the caller may try again after {@link #retryAfter()}. */
public final class ThrottledException extends DomainException {

  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public ThrottledException(String message, Duration retryAfter) {
    super(message);
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      throw new IllegalArgumentException("retry-after must be positive: " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
