package dev.userservice.application;

import dev.userservice.domain.PasswordPolicy;
import dev.userservice.domain.port.GuessCap;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.SessionLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The tunable rules of the use cases, with the defaults of the specification. Lifetimes of
 * access tokens and password-hash costs belong to their adapters and are not here.
 *
 * @param passwordPolicy length rules for new passwords
 * @param refreshTokenTtl how long a session lives without being refreshed
 * @param refreshReuseGrace how long a just-rotated refresh token still yields its successor
 * @param codeTtl how long a verification or reset code is valid
 * @param codeMaxAttempts wrong guesses after which a code is void
 * @param codeResendLimits how often a user may be sent a new code of one purpose
 * @param loginFailuresPerAccount failed logins per account that are free of delay
 * @param loginFailureWindow how long failed logins are remembered (and the longest delay)
 * @param requestsPerAddressPerMinute registrations, code requests, resets and failed logins per
 *     client address per minute
 * @param unverifiedAccountTtl how long a never-verified account is kept
 * @param sessionMaxLifetime how long a session may live from its creation, however often it is
 *     refreshed
 * @param maxSessionsPerUser live sessions one user may hold; a new one beyond it ends the one
 *     that would expire first
 * @param resetGuessCap wrong password-reset codes per account, across codes, before resets are
 *     locked for the account
 */
public record SecurityPolicy(
    PasswordPolicy passwordPolicy,
    Duration refreshTokenTtl,
    Duration refreshReuseGrace,
    Duration codeTtl,
    int codeMaxAttempts,
    List<RateLimit> codeResendLimits,
    int loginFailuresPerAccount,
    Duration loginFailureWindow,
    int requestsPerAddressPerMinute,
    Duration unverifiedAccountTtl,
    Duration sessionMaxLifetime,
    int maxSessionsPerUser,
    GuessCap resetGuessCap) {

  private static final Duration DEFAULT_SESSION_MAX_LIFETIME = Duration.ofDays(90);
  private static final int DEFAULT_MAX_SESSIONS_PER_USER = 100;

  public SecurityPolicy {
    Objects.requireNonNull(passwordPolicy, "passwordPolicy");
    requirePositive(refreshTokenTtl, "refreshTokenTtl");
    Objects.requireNonNull(refreshReuseGrace, "refreshReuseGrace");
    requirePositive(codeTtl, "codeTtl");
    requirePositive(loginFailureWindow, "loginFailureWindow");
    requirePositive(unverifiedAccountTtl, "unverifiedAccountTtl");
    requirePositive(sessionMaxLifetime, "sessionMaxLifetime");
    Objects.requireNonNull(resetGuessCap, "resetGuessCap");
    codeResendLimits = List.copyOf(codeResendLimits);
    if (codeMaxAttempts < 1 || loginFailuresPerAccount < 1 || requestsPerAddressPerMinute < 1) {
      throw new IllegalArgumentException("attempt limits must be positive");
    }
    if (maxSessionsPerUser < 1) {
      throw new IllegalArgumentException("maxSessionsPerUser must be positive");
    }
  }

  /** The given rules, with the default session limits and {@link #resetGuessCap}. */
  public SecurityPolicy(PasswordPolicy passwordPolicy, Duration refreshTokenTtl,
      Duration refreshReuseGrace, Duration codeTtl, int codeMaxAttempts,
      List<RateLimit> codeResendLimits, int loginFailuresPerAccount, Duration loginFailureWindow,
      int requestsPerAddressPerMinute, Duration unverifiedAccountTtl) {
    this(passwordPolicy, refreshTokenTtl, refreshReuseGrace, codeTtl, codeMaxAttempts,
        codeResendLimits, loginFailuresPerAccount, loginFailureWindow, requestsPerAddressPerMinute,
        unverifiedAccountTtl, DEFAULT_SESSION_MAX_LIFETIME, DEFAULT_MAX_SESSIONS_PER_USER,
        DEFAULT_RESET_GUESS_CAP);
  }

  /**
   * Ten wrong reset codes a day per account: the owner, who has the letter, needs one or two;
   * beyond it resets pause for a day, then two, four, ... up to a month.
   */
  private static final GuessCap DEFAULT_RESET_GUESS_CAP = new GuessCap(10, Duration.ofHours(24),
      Duration.ofHours(24), Duration.ofDays(30));

  /** The defaults of the specification (SPEC §3 and §5). */
  public static SecurityPolicy defaults() {
    return new SecurityPolicy(
        PasswordPolicy.defaults(),
        Duration.ofDays(30),
        Duration.ofSeconds(10),
        Duration.ofMinutes(10),
        5,
        List.of(new RateLimit(1, Duration.ofSeconds(60)), new RateLimit(5, Duration.ofHours(1))),
        5,
        Duration.ofMinutes(15),
        60,
        Duration.ofDays(2),
        DEFAULT_SESSION_MAX_LIFETIME,
        DEFAULT_MAX_SESSIONS_PER_USER,
        DEFAULT_RESET_GUESS_CAP);
  }

  /** This policy with other session limits. */
  public SecurityPolicy withSessionLimits(Duration maxLifetime, int maxPerUser) {
    return new SecurityPolicy(passwordPolicy, refreshTokenTtl, refreshReuseGrace, codeTtl,
        codeMaxAttempts, codeResendLimits, loginFailuresPerAccount, loginFailureWindow,
        requestsPerAddressPerMinute, unverifiedAccountTtl, maxLifetime, maxPerUser, resetGuessCap);
  }

  /** These rules with {@code cap} on wrong password-reset codes. */
  public SecurityPolicy withResetGuessCap(GuessCap cap) {
    return new SecurityPolicy(passwordPolicy, refreshTokenTtl, refreshReuseGrace, codeTtl,
        codeMaxAttempts, codeResendLimits, loginFailuresPerAccount, loginFailureWindow,
        requestsPerAddressPerMinute, unverifiedAccountTtl, sessionMaxLifetime, maxSessionsPerUser,
        cap);
  }

  SessionLimits sessionLimits() {
    return new SessionLimits(refreshTokenTtl, sessionMaxLifetime, maxSessionsPerUser);
  }

  RateLimit perAddressLimit() {
    return new RateLimit(requestsPerAddressPerMinute, Duration.ofMinutes(1));
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
