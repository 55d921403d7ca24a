package dev.userservice.adapter.redis;

import dev.userservice.domain.port.ConsoleSessions;
import dev.userservice.domain.port.ConsoleSessionsContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract of {@link ConsoleSessions} against a real Redis. */
class RedisConsoleSessionsTest extends ConsoleSessionsContract {

  private static RedisConnection connection;
  private static RedisConsoleSessions store;

  @BeforeAll
  static void connect() {
    connection = new RedisConnection(TestRedis.settings());
    store = new RedisConsoleSessions(connection);
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
  protected ConsoleSessions newStore() {
    return store;
  }
}
