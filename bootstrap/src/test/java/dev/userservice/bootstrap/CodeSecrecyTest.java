package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Sha256;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, findings 3 and 8, end to end: someone who reads the database or Redis (a backup, a
 * replica, a read-only login) learns no live code. Every column of the outbox and every value
 * under the instance's Redis prefix is read as text while a code is live.
 */
class CodeSecrecyTest {

  private static final String PASSWORD = "correct horse battery";
  private static String prefix;
  private static RunningApp app;

  @BeforeAll
  static void start() {
    prefix = TestServices.freshKeyPrefix("secrecy");
    app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true", "REDIS_KEY_PREFIX", prefix));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("findings 3 and 8: a live code is readable neither from PostgreSQL nor from Redis")
  void aLiveCode_isReadableNeitherFromPostgresNorFromRedis() throws Exception {
    String email = EndToEndTest.unique("secrecy");
    var registered = app.post("/users", null, Map.of("email", email, "password", PASSWORD));
    assertThat(registered.status()).isEqualTo(201);
    String code = app.awaitCode(email, "verification");
    awaitSent(email);

    List<String> rows = outboxRows();
    assertThat(rows).anySatisfy(row -> assertThat(row).contains(email));
    assertThat(rows).allSatisfy(row -> assertThat(row).doesNotContain(code));

    String plainHash = Sha256.hex("EMAIL_VERIFICATION:" + registered.text("id") + ":" + code);
    List<String> redis = redisValues();
    assertThat(redis).as("the live code's entry").anySatisfy(value ->
        assertThat(value).startsWith("hash=").hasSize("hash=".length() + 64));
    assertThat(redis).allSatisfy(value -> assertThat(value)
        .doesNotContain(code).doesNotContain(plainHash));
  }

  /** Every row of the outbox as PostgreSQL prints it, bytea included. */
  private static List<String> outboxRows() throws SQLException {
    Map<String, String> env = TestServices.environment();
    List<String> rows = new ArrayList<>();
    try (var connection = DriverManager.getConnection(env.get("DATABASE_URL"),
        env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        var query = connection.createStatement();
        var result = query.executeQuery("SELECT t::text || ' '"
            + " || coalesce(encode(t.sealed_body, 'escape'), '') FROM mail_outbox t")) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  /** Every field of every hash under this instance's prefix, as {@code field=value}. */
  private static List<String> redisValues() {
    RedisClient client = RedisClient.create(TestServices.environment().get("REDIS_URL"));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      List<String> values = new ArrayList<>();
      ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(
          key -> {
            if (redis.type(key).equals("hash")) {
              redis.hgetall(key).forEach((field, value) -> values.add(field + "=" + value));
            }
          });
      return values;
    } finally {
      client.shutdown();
    }
  }

  /** Waits (a hang guard, not a timing check) until the letter to {@code email} is sent. */
  private static void awaitSent(String email) throws SQLException {
    Map<String, String> env = TestServices.environment();
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
    try (var connection = DriverManager.getConnection(env.get("DATABASE_URL"),
        env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        var query = connection.prepareStatement(
            "SELECT count(*) FROM mail_outbox WHERE recipient = ? AND status = 'sent'")) {
      query.setString(1, email);
      while (Instant.now().isBefore(giveUp)) {
        try (var row = query.executeQuery()) {
          row.next();
          if (row.getInt(1) > 0) {
            return;
          }
        }
        RunningApp.pause(Duration.ofMillis(100));
      }
    }
    throw new AssertionError("the letter to " + email + " was never marked sent");
  }
}
