package dev.userservice.application;

import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.TokenStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The per-address and per-account throttles, named in one place. */
final class Throttles {

  private final TokenStore tokenStore;
  private final Clock clock;
  private final SecurityPolicy policy;

  Throttles(TokenStore tokenStore, Clock clock, SecurityPolicy policy) {
    this.tokenStore = tokenStore;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Counts one {@code action} from {@code clientAddress} against the per-address limit. Calls
   * without an address (an embedding application calling a use case directly) are not limited.
   */
  void perAddress(String action, String clientAddress) {
    if (clientAddress == null) {
      return;
    }
    acquire("addr:" + action + ":" + clientAddress, List.of(policy.perAddressLimit()),
        "too many requests from this address");
  }

  void acquire(String bucket, List<RateLimit> limits, String message) {
    Optional<Duration> wait = tokenStore.tryAcquire(bucket, limits, clock.now());
    if (wait.isPresent()) {
      throw new ThrottledException(message, atLeastOneSecond(wait.get()));
    }
  }

  static Duration atLeastOneSecond(Duration wait) {
    return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
  }
}
