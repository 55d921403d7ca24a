package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.redis.LocalRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The service on Redis Sentinel and on a Redis Cluster, each started by the test from the
 * redis-server binary on free loopback ports: sessions work through the whole service, and a
 * Sentinel fail-over is survived without a restart.
 */
class RedisTopologyTest {

  private static final Map<String, String> ADMIN = Map.of("email", "admin@example.com",
      "password", "first operator passphrase for tests");

  @Test
  void onARedisCluster_sessionsLiveRotateAndEnd_throughTheService() {
    try (LocalRedis cluster = LocalRedis.cluster();
        RunningApp app = RunningApp.start(Map.of("REDIS_URL", "",
            "REDIS_CLUSTER_NODES", cluster.nodes(),
            "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("cluster")))) {
      assertThat(app.management("/health/ready").json().path("checks").path("redis").asText())
          .isEqualTo("up");
      var login = app.post("/security/login", null, ADMIN);
      assertThat(login.status()).isEqualTo(200);
      assertThat(app.get("/users/me", login.text("access_token")).status()).isEqualTo(200);

      var refreshed = app.post("/security/refresh", null,
          Map.of("refresh_token", login.text("refresh_token")));
      assertThat(refreshed.status()).isEqualTo(200);
      String access = refreshed.text("access_token");
      assertThat(app.get("/users/me", access).status()).isEqualTo(200);

      assertThat(app.post("/security/logout-all", access, Map.of()).status()).isEqualTo(204);
      assertThat(app.get("/users/me", access).status()).isEqualTo(401);
      assertThat(app.post("/security/refresh", null,
          Map.of("refresh_token", refreshed.text("refresh_token"))).status()).isEqualTo(401);
    }
  }

  @Test
  void onSentinel_theServiceFollowsAFailOver_withoutARestart() {
    try (LocalRedis sentinel = LocalRedis.sentinel();
        RunningApp app = RunningApp.start(Map.of("REDIS_URL", sentinel.url(),
            "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("sentinel")))) {
      var login = app.post("/security/login", null, ADMIN);
      assertThat(login.status()).isEqualTo(200);
      String access = login.text("access_token");
      assertThat(app.get("/users/me", access).status()).isEqualTo(200);
      sentinel.awaitReplicated(); // the session is on the replica too: no write is lost

      int oldMaster = sentinel.masterPort();
      int newMaster = sentinel.failOver();
      assertThat(newMaster).isNotEqualTo(oldMaster);

      // The connection finds the new master through the Sentinels by itself.
      assertThat(eventually(() -> app.get("/users/me", access).status() == 200)).isTrue();
      assertThat(app.management("/health/ready").status()).isEqualTo(200);
      var again = app.post("/security/login", null, ADMIN);
      assertThat(again.status()).isEqualTo(200);
      assertThat(app.get("/users/me", again.text("access_token")).status()).isEqualTo(200);
    }
  }

  /** Polls until {@code condition} holds; the deadline is a hang guard, not a timing check. */
  private static boolean eventually(Supplier<Boolean> condition) {
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(giveUp)) {
      if (condition.get()) {
        return true;
      }
      RunningApp.pause(Duration.ofMillis(100));
    }
    return false;
  }
}
