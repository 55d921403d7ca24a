package dev.userservice.application;

import dev.userservice.domain.PasswordPolicy;
import dev.userservice.domain.port.GuessCap;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.SessionLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The tunable rules of the use cases, with the defaults of the specification, in one small
 * record per concern: a new rule goes into the record of its concern (its components, checks and
 * defaults), and nothing else changes. Lifetimes of access tokens and password-hash costs belong
 * to their adapters and are not here.
 *
 * @param passwordPolicy length rules for new passwords
 * @param sessions how long sessions live and how many one user may hold
 * @param codes how verification and reset codes are sent and guessed
 * @param throttling how failed logins and requests from one address are slowed down
 * @param unverifiedAccountTtl how long a never-verified account is kept
 * @param secondFactor how the one-time password is shown and challenged
 */
public record SecurityPolicy(
    PasswordPolicy passwordPolicy,
    SessionRules sessions,
    CodeRules codes,
    Throttling throttling,
    Duration unverifiedAccountTtl,
    SecondFactorRules secondFactor) {

  /** Rules with the second factor's defaults. */
  public SecurityPolicy(PasswordPolicy passwordPolicy, SessionRules sessions, CodeRules codes,
      Throttling throttling, Duration unverifiedAccountTtl) {
    this(passwordPolicy, sessions, codes, throttling, unverifiedAccountTtl,
        SecondFactorRules.defaults());
  }

  public SecurityPolicy {
    Objects.requireNonNull(secondFactor, "secondFactor");
    requirePositive(unverifiedAccountTtl, "unverifiedAccountTtl");
    Objects.requireNonNull(passwordPolicy, "passwordPolicy");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(throttling, "throttling");
  }

  /** The defaults of the specification (SPEC §3 and §5). */
  public static SecurityPolicy defaults() {
    return new SecurityPolicy(PasswordPolicy.defaults(), SessionRules.defaults(),
        CodeRules.defaults(), Throttling.defaults(), Duration.ofDays(2));
  }

  /** These rules with {@code rules} for sessions. */
  public SecurityPolicy withSessions(SessionRules rules) {
    return new SecurityPolicy(passwordPolicy, rules, codes, throttling, unverifiedAccountTtl,
        secondFactor);
  }

  /** These rules with {@code rules} for codes. */
  public SecurityPolicy withCodes(CodeRules rules) {
    return new SecurityPolicy(passwordPolicy, sessions, rules, throttling, unverifiedAccountTtl,
        secondFactor);
  }

  /** These rules with {@code rules} for the second factor. */
  public SecurityPolicy withSecondFactor(SecondFactorRules rules) {
    return new SecurityPolicy(passwordPolicy, sessions, codes, throttling, unverifiedAccountTtl,
        rules);
  }

  /**
   * The one-time password (TOTP) and its login challenge.
   *
   * @param issuer the name authenticator apps list the account under (the Key URI's issuer)
   * @param recoveryCodes how many single-use recovery codes an enrolment gives
   * @param challengeTtl how long the challenge a right password earns stays valid
   * @param challengeAttempts wrong codes after which the challenge is void
   */
  public record SecondFactorRules(String issuer, int recoveryCodes, Duration challengeTtl,
      int challengeAttempts) {

    public SecondFactorRules {
      if (issuer == null || issuer.isBlank() || issuer.contains(":")) {
        throw new IllegalArgumentException("the issuer must be a name without a colon");
      }
      if (recoveryCodes < 1 || challengeAttempts < 1) {
        throw new IllegalArgumentException("recovery codes and attempts must be positive");
      }
      requirePositive(challengeTtl, "challengeTtl");
    }

    public static SecondFactorRules defaults() {
      return new SecondFactorRules("User Service", 10, Duration.ofMinutes(5), 5);
    }
  }

  /** These rules with {@code rules} for throttling. */
  public SecurityPolicy withThrottling(Throttling rules) {
    return new SecurityPolicy(passwordPolicy, sessions, codes, rules, unverifiedAccountTtl,
        secondFactor);
  }

  /**
   * How sessions live.
   *
   * @param refreshTokenTtl how long a session lives without being refreshed
   * @param refreshReuseGrace how long a just-rotated refresh token still yields its successor
   * @param maxLifetime how long a session may live from its creation, however often it is
   *     refreshed
   * @param maxPerUser live sessions one user may hold; a new one beyond it ends the one that
   *     would expire first
   */
  public record SessionRules(Duration refreshTokenTtl, Duration refreshReuseGrace,
      Duration maxLifetime, int maxPerUser) {

    public SessionRules {
      requirePositive(refreshTokenTtl, "refreshTokenTtl");
      Objects.requireNonNull(refreshReuseGrace, "refreshReuseGrace");
      requirePositive(maxLifetime, "maxLifetime");
      if (maxPerUser < 1) {
        throw new IllegalArgumentException("maxPerUser must be positive");
      }
    }

    /** 30 days without a refresh, 10 seconds of grace, 90 days at most, 100 per user. */
    public static SessionRules defaults() {
      return new SessionRules(Duration.ofDays(30), Duration.ofSeconds(10), Duration.ofDays(90),
          100);
    }

    SessionLimits limits() {
      return new SessionLimits(refreshTokenTtl, maxLifetime, maxPerUser);
    }
  }

  /**
   * How verification and password-reset codes are sent and guessed.
   *
   * @param ttl how long a code is valid
   * @param maxAttempts wrong guesses after which a code is void
   * @param resendLimits how often a user may be sent a new code of one purpose
   * @param resetGuessCap wrong password-reset codes per account, across codes, before resets are
   *     locked for the account
   * @param invitationTtl how long an invitation's code is valid
   */
  public record CodeRules(Duration ttl, int maxAttempts, List<RateLimit> resendLimits,
      GuessCap resetGuessCap, Duration invitationTtl) {

    /** Invitations valid for {@link #DEFAULT_INVITATION_TTL}. */
    public CodeRules(Duration ttl, int maxAttempts, List<RateLimit> resendLimits,
        GuessCap resetGuessCap) {
      this(ttl, maxAttempts, resendLimits, resetGuessCap, DEFAULT_INVITATION_TTL);
    }

    /** A week: an invitation waits for someone who did not ask for it. */
    public static final Duration DEFAULT_INVITATION_TTL = Duration.ofDays(7);

    public CodeRules {
      requirePositive(ttl, "ttl");
      requirePositive(invitationTtl, "invitationTtl");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("attempt limits must be positive");
      }
      resendLimits = List.copyOf(resendLimits);
      Objects.requireNonNull(resetGuessCap, "resetGuessCap");
    }

    /**
     * Ten minutes, five guesses, one new code a minute and five an hour. Ten wrong reset codes a
     * day per account: the owner, who has the letter, needs one or two; beyond it resets pause
     * for a day, then two, four, ... up to a month.
     */
    public static CodeRules defaults() {
      return new CodeRules(Duration.ofMinutes(10), 5,
          List.of(new RateLimit(1, Duration.ofSeconds(60)), new RateLimit(5, Duration.ofHours(1))),
          new GuessCap(10, Duration.ofHours(24), Duration.ofHours(24), Duration.ofDays(30)));
    }
  }

  /**
   * How password guessing and request floods are slowed down.
   *
   * @param loginFailuresPerAccount failed logins per account that are free of delay
   * @param loginFailureWindow how long failed logins are remembered (and the longest delay)
   * @param requestsPerAddressPerMinute registrations, code requests, resets and failed logins
   *     per client address per minute
   */
  public record Throttling(int loginFailuresPerAccount, Duration loginFailureWindow,
      int requestsPerAddressPerMinute) {

    public Throttling {
      requirePositive(loginFailureWindow, "loginFailureWindow");
      if (loginFailuresPerAccount < 1 || requestsPerAddressPerMinute < 1) {
        throw new IllegalArgumentException("attempt limits must be positive");
      }
    }

    /** Five failed logins in 15 minutes per account, 60 requests a minute per address. */
    public static Throttling defaults() {
      return new Throttling(5, Duration.ofMinutes(15), 60);
    }

    RateLimit perAddressLimit() {
      return new RateLimit(requestsPerAddressPerMinute, Duration.ofMinutes(1));
    }
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
