package dev.userservice.adapter.redis;

import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.CodeStoreContract;
import dev.userservice.domain.port.LoginFailures;
import dev.userservice.domain.port.LoginFailuresContract;
import dev.userservice.domain.port.RateLimiter;
import dev.userservice.domain.port.RateLimiterContract;
import dev.userservice.domain.port.SessionStore;
import dev.userservice.domain.port.SessionStoreContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The contracts of every role of the token store against a real Redis, through one shared store. */
class RedisTokenStoreTest {

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
      TestRedis.deleteKeys(cleaner.sync(), connection.settings().keyPrefix());
    } finally {
      client.shutdown();
      connection.close();
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
}
