package dev.userservice.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Where Redis is and how this service uses it.
 *
 * @param url a Lettuce URI, e.g. {@code redis://localhost:6379/0}; for a cluster, one or more
 *     seed nodes, e.g. {@code redis://host1:7000,host2:7001}
 * @param keyPrefix put in front of every key, so several services (or tests) can share one Redis;
 *     may not contain braces, which would break the keys' hash tags
 * @param commandTimeout how long one command may take before it fails as unavailable
 * @param password the Redis password, used instead of one in the URL; {@code null} for the URL's
 *     (or none). For {@code redis-sentinel://} it is the data nodes' password; the Sentinels'
 *     own goes into the URL.
 */
public record RedisSettings(String url, String keyPrefix, Duration commandTimeout,
    String password) {

  public static final String DEFAULT_KEY_PREFIX = "us:";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

  public RedisSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    if (url.isBlank()) {
      throw new IllegalArgumentException("Redis url must not be blank");
    }
    check(keyPrefix, commandTimeout);
  }

  /** Refuses a key prefix with braces and a command timeout that is not positive. */
  static void check(String keyPrefix, Duration commandTimeout) {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("Redis key prefix must not contain braces: " + keyPrefix);
    }
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("Redis command timeout must be positive");
    }
  }

  /** Settings without a separate password (the URL may carry one). */
  public RedisSettings(String url, String keyPrefix, Duration commandTimeout) {
    this(url, keyPrefix, commandTimeout, null);
  }

  @Override
  public String toString() {
    return "RedisSettings[keyPrefix=" + keyPrefix + ", commandTimeout=" + commandTimeout + "]";
  }

  /** Settings with the default key prefix ({@value #DEFAULT_KEY_PREFIX}) and timeout (1 s). */
  public RedisSettings(String url) {
    this(url, DEFAULT_KEY_PREFIX, DEFAULT_COMMAND_TIMEOUT);
  }
}
