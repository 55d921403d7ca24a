package dev.userservice.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.UnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Redis that asks for a password: the one in the settings is used, the URL needs none. */
class RedisPasswordTest {

  @Test
  void thePasswordInTheSettings_opensAServerThatAsksForOne() {
    try (LocalRedis redis = LocalRedis.withPassword("s3cret-redis-pass")) {
      try (RedisConnection connection = new RedisConnection(new RedisSettings(redis.url(),
          "us:", Duration.ofSeconds(2), "s3cret-redis-pass"), null)) {
        assertThat(connection.ping()).isTrue();
      }
      assertThatThrownBy(() -> new RedisConnection(new RedisSettings(redis.url(), "us:",
          Duration.ofSeconds(2), "wrong password"), null).close())
          .isInstanceOf(UnavailableException.class);
    }
  }
}
