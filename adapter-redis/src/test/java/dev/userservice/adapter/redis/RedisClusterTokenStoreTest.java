package dev.userservice.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.TokenStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract of every role of the {@link TokenStore} against a local three-node Redis Cluster:
 * every script touches keys of one hash tag, so each runs on the node owning that slot.
 */
class RedisClusterTokenStoreTest extends TokenStoreContract {

  private static LocalRedis cluster;
  private static RedisConnection connection;
  private static RedisTokenStore store;

  @BeforeAll
  static void startCluster() {
    cluster = LocalRedis.cluster();
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

  @Override
  protected TokenStore newStore() {
    return store;
  }

  @Test
  void clusterConnection_answersPing() {
    assertThat(connection.ping()).isTrue();
  }
}
