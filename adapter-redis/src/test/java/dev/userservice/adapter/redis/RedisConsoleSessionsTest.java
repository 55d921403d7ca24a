package dev.userservice.adapter.redis;

import dev.userservice.domain.port.ConsoleSessions;
import dev.userservice.domain.port.ConsoleSessionsContract;
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
    TestRedis.cleanUpAndClose(connection);
  }

  @Override
  protected ConsoleSessions newStore() {
    return store;
  }
}
