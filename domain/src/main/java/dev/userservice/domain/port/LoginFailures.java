package dev.userservice.domain.port;

import dev.userservice.domain.UnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The failure throttle on password attempts, per account and per client address (part of the
 * {@link TokenStore}).
 * Every method is atomic under concurrency (one script or lock, not read-then-write), every
 * entry expires on its own, and every method may throw {@link UnavailableException} when the
 * store cannot be reached in time. {@code now} is always the caller's clock, so expiry is
 * testable.
 */
public interface LoginFailures {

  /**
   * Reserves one password attempt under the failure throttle {@code key} (an account, a client
   * address), before the password is checked, so that concurrent attempts cannot all pass a
   * check that none of them has counted yet. If {@code key} must still wait, counts nothing and
   * returns how long. Otherwise counts the attempt as a failure at once (a success takes it back
   * through {@link #loginSucceeded}; a failure needs no further call) and returns empty.
   *
   * <p>Up to {@code freeFailures} attempts within {@code window} proceed without waiting; the
   * failure that reaches that count, and each one after it, makes the next attempt wait, doubling
   * (1 s, 2 s, 4 s, ..., capped at {@code window}) and counted from that failure's reservation.
   * Failures are forgotten {@code window} after the last one; there is never a permanent lockout.
   * So under any concurrency at most {@code freeFailures} attempts in a row get a real answer.
   */
  Optional<Duration> reserveLoginAttempt(String key, int freeFailures, Duration window,
      Instant now);

  /**
   * The password attempt reserved under {@code account} and {@code address} succeeded: every
   * failure of {@code account} is forgotten, and under {@code address} (nullable) just this
   * attempt is taken back, so a success never counts against its address while the address's
   * other failures keep counting (a wait they already imposed stays). One round trip.
   */
  void loginSucceeded(String account, String address);

  /** Forgets the failures of {@code account} (after a password reset). */
  void clearLoginFailures(String account);
}
