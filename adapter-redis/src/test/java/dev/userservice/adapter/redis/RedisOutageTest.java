package dev.userservice.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Rotation;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulRedisConnection;
import dev.userservice.domain.port.SessionLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Redis stopped, paused or gone: calls fail quickly with {@link UnavailableException} (the
 * HTTP layer's 503), and the same store works again once Redis is back. Each test has its own
 * embedded server, so stopping it disturbs nobody.
 */
class RedisOutageTest {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  // Guards against a hang only: a call must fail in about the command timeout, never block.
  private static final Duration HANG_GUARD = Duration.ofSeconds(5);
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final UserId user = new UserId(UUID.randomUUID());
  private final SessionId session = TestRedis.sessionId();
  private int port;
  private RedisServer server;
  private RedisConnection connection;
  private RedisTokenStore store;

  @BeforeEach
  void startOwnRedis() {
    port = LocalRedis.freePort();
    server = TestRedis.startServer(port);
    connection = new RedisConnection(new RedisSettings("redis://127.0.0.1:" + port,
        TestRedis.uniquePrefix(), COMMAND_TIMEOUT));
    store = new RedisTokenStore(connection);
  }

  @AfterEach
  void stopOwnRedis() {
    connection.close();
    if (server.isActive()) {
      server.stop();
    }
  }

  @Test
  void whenRedisStops_callsFailAsUnavailable_andTheSameStoreRecoversWhenItIsBack() {
    store.createSession(user, session, "hash-0", NOW, limits(Duration.ofDays(1)));
    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();
    assertThat(connection.ping()).isTrue();

    server.stop();

    assertTimeoutPreemptively(HANG_GUARD, () -> {
      assertThatThrownBy(() -> store.liveSessionCacheRevision(user, session))
          .isInstanceOf(UnavailableException.class)
          .hasMessage("redis is unavailable");
      assertThatThrownBy(() -> store.rotate(user, session, 0, "hash-0", "hash-1", new byte[] {1},
          NOW, Duration.ofSeconds(10), limits(Duration.ofDays(1))))
          .isInstanceOf(UnavailableException.class);
      assertThatThrownBy(() -> store.loginSucceeded("ada@example.com", "198.51.100.1"))
          .isInstanceOf(UnavailableException.class);
      assertThat(connection.ping()).isFalse();
    });

    server = TestRedis.startServer(port);

    // The server came back empty: the session is gone, and the scripts must be sent again.
    awaitRecovery();
    assertThat(store.liveSessionCacheRevision(user, session)).isEmpty();
    store.createSession(user, session, "hash-0", NOW, limits(Duration.ofDays(1)));
    assertThat(store.rotate(user, session, 0, "hash-0", "hash-1", new byte[] {1}, NOW,
        Duration.ofSeconds(10), limits(Duration.ofDays(1))))
        .isEqualTo(new Rotation.Rotated(1));
    assertThat(connection.ping()).isTrue();
  }

  @Test
  void whenRedisDoesNotAnswer_callsTimeOutAsUnavailable() {
    store.createSession(user, session, "hash-0", NOW, limits(Duration.ofDays(1)));
    RedisClient admin = RedisClient.create("redis://127.0.0.1:" + port);
    try (StatefulRedisConnection<String, String> adminConnection = admin.connect()) {
      // CLIENT PAUSE holds every client's commands: Redis is up but silent, like an overloaded one.
      adminConnection.sync().clientPause(1_500);

      assertTimeoutPreemptively(HANG_GUARD, () ->
          assertThatThrownBy(() -> store.liveSessionCacheRevision(user, session))
              .isInstanceOf(UnavailableException.class)
              .hasCauseInstanceOf(RedisCommandTimeoutException.class));
    } finally {
      admin.shutdown();
    }
  }

  @Test
  void whenRedisIsUnreachableAtStart_openingTheConnectionFailsAsUnavailable() {
    int closedPort = LocalRedis.freePort();

    assertTimeoutPreemptively(HANG_GUARD, () ->
        assertThatThrownBy(() -> new RedisConnection(new RedisSettings(
            "redis://127.0.0.1:" + closedPort, "us:", COMMAND_TIMEOUT)))
            .isInstanceOf(UnavailableException.class));
  }

  /** Waits for the background reconnect (at most about a second of back-off). */
  private void awaitRecovery() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      while (!connection.ping()) {
        Thread.sleep(50);
      }
    });
  }

  private static SessionLimits limits(Duration ttl) {
    return new SessionLimits(ttl, Duration.ofDays(90), 100);
  }
}
