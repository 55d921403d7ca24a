package dev.userservice.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.Rotation;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import dev.userservice.domain.port.SessionLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 50 threads race each atomic operation through the one shared connection. */
class RedisTokenStoreConcurrencyTest {

  private static final int THREADS = 50;
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static RedisConnection connection;
  private static RedisTokenStore store;
  private static RedisClient inspectorClient;
  private static StatefulRedisConnection<String, String> inspectorConnection;
  private static RedisCommands<String, String> inspector;

  @BeforeAll
  static void connect() {
    connection = new RedisConnection(TestRedis.settings());
    store = new RedisTokenStore(connection);
    inspectorClient = RedisClient.create(TestRedis.url());
    inspectorConnection = inspectorClient.connect();
    inspector = inspectorConnection.sync();
  }

  @AfterAll
  static void cleanUp() {
    TestRedis.deleteKeys(inspector, connection.keyPrefix());
    inspectorConnection.close();
    inspectorClient.shutdown();
    connection.close();
  }

  @Test
  void racingRotationsOfOneToken_yieldOneSuccessor_thatEveryCallerInsideTheGraceWindowReceives()
      throws Exception {
    UserId user = new UserId(UUID.randomUUID());
    SessionId session = TestRedis.sessionId();
    store.createSession(user, session, "hash-0", NOW, limits(Duration.ofDays(30)));

    List<Rotation> outcomes = race(i -> store.rotate(user, session, 0, "hash-0",
        "hash-1-by-" + i, ("sealed-by-" + i).getBytes(StandardCharsets.UTF_8),
        NOW.plusMillis(i), Duration.ofSeconds(10), limits(Duration.ofDays(30))));

    List<Rotation.Rotated> rotated = outcomes.stream()
        .filter(Rotation.Rotated.class::isInstance).map(Rotation.Rotated.class::cast).toList();
    List<Rotation.Replayed> replayed = outcomes.stream()
        .filter(Rotation.Replayed.class::isInstance).map(Rotation.Replayed.class::cast).toList();
    assertThat(rotated).containsExactly(new Rotation.Rotated(1));
    assertThat(replayed).hasSize(THREADS - 1);
    String winner = "sealed-by-" + outcomes.indexOf(rotated.get(0));
    assertThat(replayed).allSatisfy(r -> {
      assertThat(r.generation()).isEqualTo(1);
      assertThat(new String(r.sealedSuccessor(), StandardCharsets.UTF_8)).isEqualTo(winner);
    });
    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();
  }

  @Test
  void racingWrongGuessesAtOneCode_countNoMoreMissesThanTheAttemptLimit() throws Exception {
    UserId user = new UserId(UUID.randomUUID());
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, "right", NOW.plusSeconds(600));

    List<CodeCheck> outcomes = race(i -> store.checkCode(user, CodePurpose.EMAIL_VERIFICATION,
        "wrong-" + i, 5, NOW));

    assertThat(outcomes).filteredOn(CodeCheck.WRONG::equals).hasSize(4);
    assertThat(outcomes).filteredOn(CodeCheck.EXHAUSTED::equals).hasSize(THREADS - 4);
    String key = connection.keyPrefix() + "user:{" + user + "}:code:email_verification";
    assertThat(inspector.hget(key, "misses")).isEqualTo("5");
    assertThat(store.checkCode(user, CodePurpose.EMAIL_VERIFICATION, "right", 5, NOW))
        .isEqualTo(CodeCheck.EXHAUSTED);
  }

  @Test
  void racingRightGuessesAtOneCode_acceptItOnce() throws Exception {
    UserId user = new UserId(UUID.randomUUID());
    store.saveCode(user, CodePurpose.PASSWORD_RESET, "right", NOW.plusSeconds(600));

    List<CodeCheck> outcomes = race(i -> store.checkCode(user, CodePurpose.PASSWORD_RESET,
        "right", 5, NOW));

    assertThat(outcomes).filteredOn(CodeCheck.ACCEPTED::equals).hasSize(1);
    assertThat(outcomes).filteredOn(CodeCheck.EXPIRED::equals).hasSize(THREADS - 1);
  }

  @Test
  void racingEventsInOneBucket_neverExceedTheLimit() throws Exception {
    String bucket = "register:203.0.113.7";
    List<RateLimit> limits = List.of(new RateLimit(10, Duration.ofMinutes(1)),
        new RateLimit(30, Duration.ofHours(1)));

    List<Optional<Duration>> outcomes = race(i -> store.tryAcquire(bucket, limits,
        NOW));

    assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(10);
    assertThat(outcomes).filteredOn(Optional::isPresent).hasSize(THREADS - 10)
        .allSatisfy(wait -> assertThat(wait).contains(Duration.ofMinutes(1)));
    assertThat(store.tryAcquire(bucket, limits, NOW.plusSeconds(59))).isPresent();
    assertThat(store.tryAcquire(bucket, limits, NOW.plusSeconds(60))).isEmpty();
  }

  private interface Attempt<T> {
    T run(int index);
  }

  /** Runs {@code attempt} on {@value #THREADS} threads released at once; results by index. */
  private static <T> List<T> race(Attempt<T> attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        int index = i;
        Callable<T> task = () -> {
          ready.countDown();
          go.await();
          return attempt.run(index);
        };
        futures.add(pool.submit(task));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static SessionLimits limits(Duration ttl) {
    return new SessionLimits(ttl, Duration.ofDays(90), 100);
  }
}
