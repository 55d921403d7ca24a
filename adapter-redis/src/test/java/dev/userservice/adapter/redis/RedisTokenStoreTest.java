package dev.userservice.adapter.redis;

import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.TokenStoreContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract of every role of the {@link TokenStore} against a real Redis, through one shared
 * store.
 */
class RedisTokenStoreTest extends TokenStoreContract {

  private static RedisConnection connection;
  private static RedisTokenStore store;

  @BeforeAll
  static void connect() {
    connection = new RedisConnection(TestRedis.settings());
    store = new RedisTokenStore(connection);
  }

  @AfterAll
  static void cleanUp() {
    RedisClient client = RedisClient.create(TestRedis.url());
    try (StatefulRedisConnection<String, String> cleaner = client.connect()) {
      TestRedis.deleteKeys(cleaner.sync(), connection.keyPrefix());
    } finally {
      client.shutdown();
      connection.close();
    }
  }

  @Override
  protected TokenStore newStore() {
    return store;
  }
}
