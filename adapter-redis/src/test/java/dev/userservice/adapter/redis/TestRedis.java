package dev.userservice.adapter.redis;

import dev.userservice.domain.SessionId;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import redis.embedded.RedisServer;

/**
 * The Redis the tests talk to: {@code TEST_REDIS_URL} when set, otherwise an embedded Redis
 * (real 7.0 binaries) started once per JVM on a free port.
 */
final class TestRedis {

  private static String url;

  private TestRedis() {}

  static synchronized String url() {
    if (url == null) {
      String external = System.getenv("TEST_REDIS_URL");
      if (external != null && !external.isBlank()) {
        url = external;
      } else {
        RedisServer server = startOnAFreePort();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-redis-stop"));
        url = "redis://127.0.0.1:" + server.ports().get(0);
      }
    }
    return url;
  }

  /** Settings for the shared test Redis, with a key prefix no other test class uses. */
  static RedisSettings settings() {
    return new RedisSettings(url(), uniquePrefix(), Duration.ofSeconds(1));
  }

  static String uniquePrefix() {
    return "test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /**
   * Starts an embedded Redis on a port that was free a moment ago, and on another if something
   * took it meanwhile (parallel test runs pick ports the same way).
   */
  private static RedisServer startOnAFreePort() {
    for (int attempt = 1; ; attempt++) {
      try {
        return startServer(LocalRedis.freePort());
      } catch (RuntimeException taken) {
        if (attempt == 5) {
          throw taken;
        }
      }
    }
  }

  /** Starts an embedded Redis on {@code port} that keeps nothing on disk. */
  static RedisServer startServer(int port) {
    RedisServer server = RedisServer.builder()
        .port(port)
        .setting("save \"\"")
        .setting("appendonly no")
        .build();
    server.start();
    return server;
  }

  /** A random, well-formed session id. */
  static SessionId sessionId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Deletes every key under {@code prefix}: tests leave nothing behind in a shared Redis. */
  static void deleteKeys(RedisCommands<String, String> redis, String prefix) {
    List<String> keys = keys(redis, prefix);
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(String[]::new));
    }
  }

  /** Deletes every key {@code connection}'s prefix names, then closes it: a test class's end. */
  static void cleanUpAndClose(RedisConnection connection) {
    RedisClient client = RedisClient.create(url());
    try (StatefulRedisConnection<String, String> cleaner = client.connect()) {
      deleteKeys(cleaner.sync(), connection.keyPrefix());
    } finally {
      client.shutdown();
      connection.close();
    }
  }

  /** Every key under {@code prefix}, found with SCAN. */
  static List<String> keys(RedisCommands<String, String> redis, String prefix) {
    List<String> keys = new ArrayList<>();
    ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
    KeyScanCursor<String> cursor = redis.scan(match);
    keys.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = redis.scan(cursor, match);
      keys.addAll(cursor.getKeys());
    }
    return keys;
  }
}
