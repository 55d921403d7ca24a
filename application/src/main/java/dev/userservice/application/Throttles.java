package dev.userservice.application;

import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.RateLimiter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The per-address and per-account throttles, named in one place. */
@Singleton
final class Throttles {

  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

  private final RateLimiter rateLimiter;
  private final Clock clock;
  private final SecurityPolicy policy;

  @Inject
  Throttles(RateLimiter rateLimiter, Clock clock, SecurityPolicy policy) {
    this.rateLimiter = rateLimiter;
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
    acquire("addr:" + action + ":" + addressBucket(clientAddress),
        List.of(policy.throttling().perAddressLimit()), "too many requests from this address");
  }

  /**
   * The bucket a client address is limited in: an IPv4 address alone, an IPv6 address by its
   * /64 network, since one subscriber commonly holds a whole /64 and could otherwise spread
   * requests over as many addresses as it likes. An IPv4-mapped IPv6 address counts as its IPv4
   * address. Anything that is not an IP literal is its own bucket.
   */
  static String addressBucket(String clientAddress) {
    String literal = clientAddress.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    // Only hex digits, colons and dots, with a colon: InetAddress parses such a string as an
    // IPv6 literal and never asks a name service.
    if (literal.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(literal).matches()) {
      return clientAddress;
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      return clientAddress;
    }
    if (bytes.length == 4) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "."
          + (bytes[3] & 0xff);
    }
    StringBuilder network = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
          .append(':');
    }
    return network.append(":/64").toString();
  }

  void acquire(String bucket, List<RateLimit> limits, String message) {
    Optional<Duration> wait = rateLimiter.tryAcquire(bucket, limits, clock.now());
    if (wait.isPresent()) {
      throw new ThrottledException(message, atLeastOneSecond(wait.get()));
    }
  }

  static Duration atLeastOneSecond(Duration wait) {
    return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
  }
}
