package dev.userservice.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.TokenStoreContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store's contract over a host application's Lettuce client and over its connection, and
 * that closing ours leaves the host's open.
 */
class RedisOnHostClientTest extends TokenStoreContract {

  private static final String PREFIX = "host-client-test:";
  private static RedisClient hostClient;
  private static StatefulRedisConnection<String, String> hostConnection;
  private static RedisConnection connection;
  private static RedisTokenStore store;

  @BeforeAll
  static void connect() {
    hostClient = RedisClient.create(TestRedis.url());
    hostConnection = hostClient.connect(StringCodec.UTF8);
    connection = RedisConnection.on(hostClient, PREFIX, Duration.ofSeconds(1));
    store = new RedisTokenStore(connection);
  }

  @AfterAll
  static void cleanUp() {
    try {
      TestRedis.deleteKeys(hostConnection.sync(), PREFIX);
    } finally {
      connection.close();
      hostConnection.close();
      hostClient.shutdown();
    }
  }

  @Override
  protected TokenStore newStore() {
    return store;
  }

  @Test
  void overTheHostsConnection_theStoreWorks_andClosingItLeavesTheHostsClientAndConnectionOpen() {
    RedisConnection borrowed = RedisConnection.over(hostConnection, PREFIX, Duration.ofSeconds(1));
    assertThat(borrowed.ping()).isTrue();
    borrowed.close();
    assertThat(hostConnection.isOpen()).isTrue();

    RedisConnection own = RedisConnection.on(hostClient, PREFIX, Duration.ofSeconds(1));
    own.close();
    try (StatefulRedisConnection<String, String> another = hostClient.connect()) {
      assertThat(another.sync().ping()).isEqualTo("PONG");
    }
  }
}
