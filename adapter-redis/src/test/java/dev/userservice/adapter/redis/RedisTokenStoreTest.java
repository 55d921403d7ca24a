package dev.userservice.adapter.redis;

import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.TokenStoreContract;
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
    TestRedis.cleanUpAndClose(connection);
  }

  @Override
  protected TokenStore newStore() {
    return store;
  }
}
