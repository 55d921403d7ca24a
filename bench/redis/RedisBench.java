import dev.userservice.adapter.redis.RedisConnection;
import dev.userservice.adapter.redis.RedisSettings;
import dev.userservice.adapter.redis.RedisTokenStore;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Rotation;
import dev.userservice.domain.port.SessionLimits;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput of refresh-token rotation (one Lua script per call) and of the session liveness
 * check (one EXISTS per call) through one RedisTokenStore and its one shared connection, with
 * several threads. Usage: RedisBench <redis-url> <key-prefix> <seconds-per-run> <threads...>
 */
public final class RedisBench {

  private static final SessionLimits TTL =
      new SessionLimits(Duration.ofDays(30), Duration.ofDays(90), 100);
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final int LIVE_SESSIONS = 1_000;

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String prefix = args[1];
    Duration run = Duration.ofSeconds(Long.parseLong(args[2]));
    List<Integer> threadCounts = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      threadCounts.add(Integer.parseInt(args[i]));
    }
    try (RedisConnection connection = new RedisConnection(
        new RedisSettings(url, prefix, Duration.ofSeconds(1)))) {
      RedisTokenStore store = new RedisTokenStore(connection);
      UserId user = new UserId(UUID.randomUUID());
      List<SessionId> sessions = new ArrayList<>();
      for (int i = 0; i < LIVE_SESSIONS; i++) {
        SessionId session = randomSession();
        store.createSession(user, session, randomHash(), Instant.now(), TTL);
        sessions.add(session);
      }
      // JIT, Netty and Redis's script cache warm up first, so the first row is not penalised.
      Runnable rotation = rotator(store);
      runFor(4, Duration.ofSeconds(3), () -> {
        rotation.run();
        store.liveSessionCacheRevision(user, sessions.get(0));
      }, new LongAdder());
      System.out.printf("redis %s, %d s per run, %d cores%n", url, run.toSeconds(),
          Runtime.getRuntime().availableProcessors());
      System.out.printf("%-10s %8s %12s %14s%n", "operation", "threads", "ops/s", "mean latency");
      for (int threads : threadCounts) {
        measure("liveness", threads, run, () -> {
          SessionId session = sessions.get(ThreadLocalRandom.current().nextInt(LIVE_SESSIONS));
          if (store.liveSessionCacheRevision(user, session).isEmpty()) {
            throw new IllegalStateException("session should be live");
          }
        });
      }
      for (int threads : threadCounts) {
        measure("rotation", threads, run, rotation);
      }
    } finally {
      cleanUp(url, prefix);
    }
  }

  /** Each thread rotates its own session's chain: generation n to n + 1, again and again. */
  private static ThreadLocal<Runnable> rotatorState(RedisTokenStore store) {
    return ThreadLocal.withInitial(() -> {
      UserId user = new UserId(UUID.randomUUID());
      SessionId session = randomSession();
      String[] current = {randomHash()};
      long[] generation = {0};
      store.createSession(user, session, current[0], Instant.now(), TTL);
      byte[] sealed = new byte[96];
      return () -> {
        String successor = randomHash();
        Rotation outcome = store.rotate(user, session, generation[0], current[0], successor,
            sealed, Instant.now(), GRACE, TTL);
        if (!(outcome instanceof Rotation.Rotated rotated)) {
          throw new IllegalStateException("expected a rotation, got " + outcome);
        }
        generation[0] = rotated.generation();
        current[0] = successor;
      };
    });
  }

  private static Runnable rotator(RedisTokenStore store) {
    ThreadLocal<Runnable> perThread = rotatorState(store);
    return () -> perThread.get().run();
  }

  private static void measure(String name, int threads, Duration run, Runnable operation)
      throws InterruptedException {
    runFor(threads, Duration.ofSeconds(1), operation, new LongAdder()); // warm-up
    LongAdder count = new LongAdder();
    long started = System.nanoTime();
    runFor(threads, run, operation, count);
    double seconds = (System.nanoTime() - started) / 1e9;
    double opsPerSecond = count.sum() / seconds;
    System.out.printf("%-10s %8d %12.0f %11.3f ms%n", name, threads, opsPerSecond,
        threads * 1000.0 / opsPerSecond);
  }

  private static void runFor(int threads, Duration run, Runnable operation, LongAdder count)
      throws InterruptedException {
    long deadline = System.nanoTime() + run.toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          operation.run();
          count.increment();
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
  }

  private static void cleanUp(String url, String prefix) {
    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
      KeyScanCursor<String> cursor = redis.scan(match);
      long deleted = 0;
      while (true) {
        if (!cursor.getKeys().isEmpty()) {
          deleted += redis.unlink(cursor.getKeys().toArray(String[]::new));
        }
        if (cursor.isFinished()) {
          break;
        }
        cursor = redis.scan(cursor, match);
      }
      System.out.printf("cleaned up %d keys under %s%n", deleted, prefix);
    } finally {
      client.shutdown();
    }
  }

  private static SessionId randomSession() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  private static String randomHash() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
