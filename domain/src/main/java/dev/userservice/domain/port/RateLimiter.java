package dev.userservice.domain.port;

import dev.userservice.domain.UnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sliding-window rate limits on named buckets (part of the {@link TokenStore}).
 * Every method is atomic under concurrency (one script or lock, not read-then-write), every
 * entry expires on its own, and every method may throw {@link UnavailableException} when the
 * store cannot be reached in time. {@code now} is always the caller's clock, so expiry is
 * testable.
 */
public interface RateLimiter {

  /**
   * Counts one event in {@code bucket} if doing so keeps every limit, and returns empty; otherwise
   * counts nothing and returns how long until the event would be allowed. Under any concurrency
   * no limit is ever exceeded.
   */
  Optional<Duration> tryAcquire(String bucket, List<RateLimit> limits, Instant now);
}
