package dev.userservice.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.CodeStoreContract;
import dev.userservice.domain.port.LoginFailures;
import dev.userservice.domain.port.LoginFailuresContract;
import dev.userservice.domain.port.RateLimiter;
import dev.userservice.domain.port.RateLimiterContract;
import dev.userservice.domain.port.SessionStore;
import dev.userservice.domain.port.SessionStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contracts of every role of the token store against a local three-node Redis Cluster: every script
 * touches keys of one hash tag, so each runs on the node owning that slot.
 */
class RedisClusterTokenStoreTest {

  private static TestCluster cluster;
  private static RedisConnection connection;
  private static RedisTokenStore store;

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster();
    connection = RedisConnection.cluster(new RedisSettings(cluster.url(), "us:",
        Duration.ofSeconds(2)));
    store = new RedisTokenStore(connection);
  }

  @AfterAll
  static void stopCluster() {
    try {
      if (connection != null) {
        connection.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Nested
  class Sessions extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
      return store;
    }
  }

  @Nested
  class Codes extends CodeStoreContract {
    @Override
    protected CodeStore newStore() {
      return store;
    }
  }

  @Nested
  class RateLimits extends RateLimiterContract {
    @Override
    protected RateLimiter newStore() {
      return store;
    }
  }

  @Nested
  class LoginAttempts extends LoginFailuresContract {
    @Override
    protected LoginFailures newStore() {
      return store;
    }
  }

  @Test
  void clusterConnection_answersPing() {
    assertThat(connection.ping()).isTrue();
  }
}
