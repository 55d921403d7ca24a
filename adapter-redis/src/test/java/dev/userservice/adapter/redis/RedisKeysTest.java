package dev.userservice.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.GuessCap;
import dev.userservice.domain.port.RateLimit;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import dev.userservice.domain.port.SessionLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the store leaves in Redis: where, under which names, and for how long. */
class RedisKeysTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String EMAIL = "ada@example.com";

  private static RedisClient inspectorClient;
  private static StatefulRedisConnection<String, String> inspectorConnection;
  private static RedisCommands<String, String> inspector;

  private final RedisSettings settings = TestRedis.settings();
  private final RedisConnection connection = new RedisConnection(settings);
  private final RedisTokenStore store = new RedisTokenStore(connection);

  @BeforeAll
  static void connectInspector() {
    inspectorClient = RedisClient.create(TestRedis.url());
    inspectorConnection = inspectorClient.connect();
    inspector = inspectorConnection.sync();
  }

  @AfterAll
  static void closeInspector() {
    inspectorConnection.close();
    inspectorClient.shutdown();
  }

  @AfterEach
  void cleanUp() {
    TestRedis.deleteKeys(inspector, settings.keyPrefix());
    connection.close();
  }

  @Test
  void afterAWorkloadTouchingEveryMethod_everyKeyHasATimeToLive() {
    workload();

    List<String> keys = TestRedis.keys(inspector, settings.keyPrefix());

    assertThat(keys).hasSizeGreaterThanOrEqualTo(7)
        .allSatisfy(key -> assertThat(inspector.pttl(key)).as("PTTL of %s", key).isPositive());
  }

  @Test
  void everyKeyCarriesTheConfiguredPrefix_andAnotherPrefixSeesNothing() {
    UserId user = new UserId(UUID.randomUUID());
    SessionId session = TestRedis.sessionId();
    store.createSession(user, session, "hash-0", NOW, limits(Duration.ofDays(1)));
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, "code", NOW.plusSeconds(600));

    assertThat(TestRedis.keys(inspector, settings.keyPrefix())).containsExactlyInAnyOrder(
        settings.keyPrefix() + "user:{" + user + "}:session:" + session,
        settings.keyPrefix() + "user:{" + user + "}:sessions",
        settings.keyPrefix() + "user:{" + user + "}:code:email_verification");
    RedisSettings other = new RedisSettings(settings.url(), TestRedis.uniquePrefix(),
        settings.commandTimeout());
    try (RedisConnection otherConnection = new RedisConnection(other)) {
      assertThat(new RedisTokenStore(otherConnection).liveSessionCacheRevision(user, session))
          .isEmpty();
    }
  }

  @Test
  void renewCacheRevision_leavesASessionRedisAlreadyDroppedDropped() {
    UserId user = new UserId(UUID.randomUUID());
    SessionId session = TestRedis.sessionId();
    store.createSession(user, session, "hash-0", NOW, limits(Duration.ofDays(1)));
    String key = settings.keyPrefix() + "user:{" + user + "}:session:" + session;
    inspector.del(key); // as its TTL does; the index still names it until the next login

    store.renewCacheRevision(user);

    assertThat(inspector.exists(key)).isZero();
    assertThat(store.liveSessionCacheRevision(user, session)).isEmpty();
  }

  @Test
  void keysOfOneUserShareOneClusterSlot() {
    UserId user = new UserId(UUID.randomUUID());
    store.createSession(user, TestRedis.sessionId(), "hash-0", NOW, limits(Duration.ofDays(1)));
    store.createSession(user, TestRedis.sessionId(), "hash-0", NOW, limits(Duration.ofDays(1)));
    store.saveCode(user, CodePurpose.PASSWORD_RESET, "code", NOW.plusSeconds(600));

    assertThat(TestRedis.keys(inspector, settings.keyPrefix()))
        .hasSize(4)
        .extracting(SlotHash::getSlot)
        .containsOnly(SlotHash.getSlot("{" + user + "}"));
  }

  @Test
  void afterTheServerForgetsItsScripts_theyAreSentAgain() {
    UserId user = new UserId(UUID.randomUUID());
    SessionId session = TestRedis.sessionId();
    store.createSession(user, session, "hash-0", NOW, limits(Duration.ofDays(1)));
    inspector.scriptFlush(); // as a restart or a fail-over to a replica does

    store.renewCacheRevision(user);
    SessionId next = TestRedis.sessionId();
    store.createSession(user, next, "hash-1", NOW, limits(Duration.ofDays(1)));

    assertThat(store.liveSessionCacheRevision(user, next)).isPresent();
  }

  @Test
  void theSessionIndexNeverHoldsMoreThanTheCap_soEndingEverySessionIsBoundedWork() {
    UserId user = new UserId(UUID.randomUUID());
    SessionLimits threeAtMost = new SessionLimits(Duration.ofDays(30), Duration.ofDays(90), 3);
    for (int i = 0; i < 10; i++) {
      store.createSession(user, TestRedis.sessionId(), "hash-" + i, NOW.plusSeconds(i),
          threeAtMost);
    }

    assertThat(inspector.zcard(settings.keyPrefix() + "user:{" + user + "}:sessions"))
        .isEqualTo(3);
    assertThat(TestRedis.keys(inspector, settings.keyPrefix())).hasSize(4);
  }

  @Test
  void loginSucceeded_afterTheServerForgetsItsScripts_stillTakesTheAddressesAttemptBack() {
    Duration minute = Duration.ofMinutes(1);
    String address = "198.51.100.2";
    store.reserveLoginAttempt(address, 2, minute, NOW);
    store.reserveLoginAttempt(EMAIL, 5, minute, NOW);
    inspector.scriptFlush(); // as a restart or a fail-over to a replica does

    store.loginSucceeded(EMAIL, address);

    assertThat(store.reserveLoginAttempt(address, 2, minute, NOW)).isEmpty();
    assertThat(store.reserveLoginAttempt(address, 2, minute, NOW)).isEmpty();
    assertThat(store.reserveLoginAttempt(address, 2, minute, NOW)).isPresent();
    assertThat(TestRedis.keys(inspector, settings.keyPrefix())).hasSize(1);
  }

  @Test
  void accountNamesAndBucketsNeverAppearInKeyNames() {
    store.reserveLoginAttempt(EMAIL, 5, Duration.ofMinutes(15), NOW);
    store.tryAcquire("reset:" + EMAIL, List.of(new RateLimit(5, Duration.ofHours(1))), NOW);

    assertThat(TestRedis.keys(inspector, settings.keyPrefix()))
        .hasSize(2)
        .noneMatch(key -> key.contains("@") || key.contains("example"));
  }

  private void workload() {
    UserId user = new UserId(UUID.randomUUID());
    SessionId kept = TestRedis.sessionId();
    SessionId reused = TestRedis.sessionId();
    store.createSession(user, kept, "a0", NOW, limits(Duration.ofDays(30)));
    store.rotate(user, kept, 0, "a0", "a1", new byte[] {1, 2}, NOW, Duration.ofSeconds(10),
        limits(Duration.ofDays(30)));
    store.rotate(user, kept, 0, "a0", "a1", new byte[] {1, 2}, NOW, Duration.ofSeconds(10),
        limits(Duration.ofDays(30)));
    store.renewCacheRevision(user);
    store.createSession(user, reused, "b0", NOW, limits(Duration.ofDays(30)));
    store.rotate(user, reused, 0, "b0", "b1", new byte[] {3}, NOW, Duration.ofSeconds(10),
        limits(Duration.ofDays(30)));
    store.rotate(user, reused, 0, "b0", "b1", new byte[] {3}, NOW.plusSeconds(60),
        Duration.ofSeconds(10), limits(Duration.ofDays(30)));
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, "c", NOW.plusSeconds(600));
    store.checkCode(user, CodePurpose.EMAIL_VERIFICATION, "wrong", 5, NOW);
    GuessCap cap = new GuessCap(2, Duration.ofHours(24), Duration.ofHours(24), Duration.ofDays(30));
    store.saveCode(user, CodePurpose.PASSWORD_RESET, "r0", NOW.plusSeconds(600));
    store.checkCode(user, CodePurpose.PASSWORD_RESET, "wrong", 5, cap, NOW);
    UserId locked = new UserId(UUID.randomUUID());
    store.saveCode(locked, CodePurpose.PASSWORD_RESET, "l0", NOW.plusSeconds(600));
    store.checkCode(locked, CodePurpose.PASSWORD_RESET, "wrong", 5, cap, NOW);
    store.checkCode(locked, CodePurpose.PASSWORD_RESET, "wrong", 5, cap, NOW);
    // A code whose expiry lies in the past of Redis's own clock still gets a TTL.
    store.saveCode(user, CodePurpose.PASSWORD_RESET, "r", Instant.parse("2001-01-01T00:00:00Z"));
    store.tryAcquire("register:198.51.100.1", List.of(new RateLimit(3, Duration.ofMinutes(1))),
        NOW);
    store.reserveLoginAttempt(EMAIL, 1, Duration.ofMinutes(15), NOW);
    UserId other = new UserId(UUID.randomUUID());
    store.createSession(other, TestRedis.sessionId(), "d0", NOW, limits(Duration.ofHours(1)));
    store.revokeSession(other, TestRedis.sessionId());
    store.revokeSessionWithToken(other, TestRedis.sessionId(), "d0");
    store.reserveLoginAttempt("198.51.100.1", 3, Duration.ofMinutes(1), NOW);
    store.loginSucceeded(EMAIL, "198.51.100.1");
  }

  private static SessionLimits limits(Duration ttl) {
    return new SessionLimits(ttl, Duration.ofDays(90), 100);
  }
}
