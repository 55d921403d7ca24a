package dev.userservice.application;

import dev.userservice.domain.ClientId;
import dev.userservice.domain.Email;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.LoginFailures;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.RateLimiter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The throttle on every password check (login, and the current password asked for a password or
 * email change), per account and per client address; failed OAuth client authentications count
 * with the failed logins of their address, and per client. Each check reserves its attempt before the
 * password is hashed, so concurrent guesses cannot all slip past a limit none has counted yet;
 * the reservation counts as a failure unless {@link #succeeded} takes it back.
 */
@Singleton
final class LoginThrottle {

  private static final Duration ADDRESS_WINDOW = Duration.ofMinutes(1);
  private static final List<RateLimit> ONE_RECORDED_REFUSAL = List.of(new RateLimit(1,
      Duration.ofMinutes(1)));

  private final LoginFailures failures;
  private final RateLimiter limiter;
  private final Clock clock;
  private final SecurityPolicy policy;

  @Inject
  LoginThrottle(LoginFailures failures, RateLimiter limiter, Clock clock, SecurityPolicy policy) {
    this.failures = failures;
    this.limiter = limiter;
    this.clock = clock;
    this.policy = policy;
  }

  /** The per-account key; a password reset clears it. */
  static String accountKey(Email email) {
    return "login:" + email.value();
  }

  /**
   * Reserves one password attempt for {@code account} from {@code clientAddress} (nullable: an
   * embedding application calling a use case directly is limited per account only). The address
   * goes first, so an address that must wait costs the account nothing.
   *
   * @throws ThrottledException while the address or the account must wait
   */
  void reserve(Email account, String clientAddress) {
    reserve(accountKey(account), clientAddress);
  }

  /**
   * Counts a failed authentication of the client {@code clientId} (as presented) from
   * {@code clientAddress}: with the failed logins of that address, and under the client's id.
   *
   * @throws ThrottledException when the address or the client already has to wait (then nothing
   *     more is counted)
   */
  void clientFailed(String clientId, String clientAddress) {
    reserve(clientKey(clientId), clientAddress);
  }

  /** Every malformed client id shares one bucket: a presented id is the caller's to invent. */
  private static String clientKey(String clientId) {
    return "client:" + (ClientId.isWellFormed(clientId) ? clientId
        : "malformed");
  }

  private void reserve(String accountKey, String clientAddress) {
    Instant now = clock.now();
    SecurityPolicy.Throttling throttling = policy.throttling();
    String address = addressKey(clientAddress);
    if (address != null) {
      admitted(failures.reserveLoginAttempt(address, throttling.requestsPerAddressPerMinute(),
          ADDRESS_WINDOW, now));
    }
    admitted(failures.reserveLoginAttempt(accountKey,
        throttling.loginFailuresPerAccount(), throttling.loginFailureWindow(), now));
  }

  /**
   * Whether a refusal by {@link #reserve} is the first this minute for the client address (or,
   * without one, the account); only those go to the audit trail. Refusing a guess costs the
   * service next to nothing, and a flood of refusals must not become a flood of stored rows.
   */
  boolean firstRefusalThisMinute(Email account, String clientAddress) {
    String address = addressKey(clientAddress);
    String bucket = "refused-" + (address != null ? address : accountKey(account));
    return limiter.tryAcquire(bucket, ONE_RECORDED_REFUSAL, clock.now()).isEmpty();
  }

  /** The reserved attempt was right: the account starts over, the address gets it back. */
  void succeeded(Email account, String clientAddress) {
    failures.loginSucceeded(accountKey(account), addressKey(clientAddress));
  }

  /** Forgets the failures of {@code account}: its password was just reset. */
  void forget(Email account) {
    failures.clearLoginFailures(accountKey(account));
  }

  private static String addressKey(String clientAddress) {
    return clientAddress == null ? null : "login-addr:" + Throttles.addressBucket(clientAddress);
  }

  private static void admitted(Optional<Duration> wait) {
    if (wait.isPresent()) {
      throw new ThrottledException("too many failed password attempts; wait before trying again",
          Throttles.atLeastOneSecond(wait.get()));
    }
  }
}
