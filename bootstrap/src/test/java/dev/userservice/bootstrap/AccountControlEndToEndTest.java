package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 24 on the real application, against PostgreSQL, Redis and the fake SMTP server: sessions
 * seen and ended, suspension, export and self-service deletion.
 */
class AccountControlEndToEndTest {

  private static final String PASSWORD = "correct horse battery";
  private static RunningApp app;
  private static String prefix;

  /** One login: its access token and refresh token. */
  private record Session(String access, String refresh) {

    String id() {
      return refresh.split("\\.")[1];
    }
  }

  @BeforeAll
  static void start() {
    prefix = TestServices.freshKeyPrefix("account");
    app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true", "REDIS_KEY_PREFIX", prefix));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("ending one session leaves the others alive")
  void endingOneSession_leavesTheOthersAlive() {
    String email = register();
    Session phone = login(email);
    Session laptop = login(email);

    assertThat(app.get("/users/me/sessions", laptop.access()).json().get("items")).hasSize(2);
    assertThat(app.delete("/users/me/sessions/" + phone.id(), laptop.access()).status())
        .isEqualTo(204);

    assertThat(app.get("/users/me", phone.access()).status()).isEqualTo(401);
    assertThat(refreshStatus(phone)).isEqualTo(401);
    assertThat(app.get("/users/me", laptop.access()).status()).isEqualTo(200);
    JsonNode left = app.get("/users/me/sessions", laptop.access()).json().get("items");
    assertThat(left).hasSize(1);
    assertThat(left.get(0).get("id").asText()).isEqualTo(laptop.id());
    assertThat(left.get(0).get("current").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("a disabled user's access token dies at once; enabling revives nothing")
  void disabledUsersAccessToken_diesAtOnce() {
    String admin = EndToEndTest.adminToken(app);
    String email = register();
    Session session = login(email);
    String id = app.get("/users/me", session.access()).text("id");

    assertThat(app.patch("/users/" + id, admin, Map.of("status", "disabled", "reason", "abuse"))
        .status()).isEqualTo(200);

    assertThat(app.get("/users/me", session.access()).status()).isEqualTo(401);
    assertThat(refreshStatus(session)).isEqualTo(401);
    var refused = app.post("/security/login", null, Map.of("email", email, "password", PASSWORD));
    var wrong = app.post("/security/login", null,
        Map.of("email", email, "password", "a wrong password"));
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.text("detail")).isEqualTo(wrong.text("detail"));
    assertThat(app.get("/users/count?status=disabled&email=" + email, admin).json()
        .get("count").asLong()).isEqualTo(1);

    assertThat(app.patch("/users/" + id, admin, Map.of("status", "active")).status())
        .isEqualTo(200);
    assertThat(app.get("/users/me", session.access()).status()).isEqualTo(401);
    assertThat(app.get("/users/" + id + "/sessions", admin).json().get("items")).isEmpty();
  }

  @Test
  @DisplayName("the export holds no password, hash, code or token")
  void export_containsNoSecret() throws SQLException {
    String email = register();
    String code = app.awaitCode(email, "verification");
    Session session = login(email);
    String id = app.get("/users/me", session.access()).text("id");
    String hash = queryOne("SELECT password_hash FROM users WHERE id = '" + id + "'");

    var export = app.get("/users/me/export", session.access());

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.json().get("user").get("email").asText()).isEqualTo(email);
    assertThat(export.json().get("events").toString()).contains("registered")
        .contains("login_succeeded");
    String body = export.raw().body();
    assertThat(hash).startsWith("$argon2id$");
    assertThat(body).doesNotContain(PASSWORD).doesNotContain(hash)
        .doesNotContain(hash.substring(hash.lastIndexOf('$') + 1)).doesNotContain(code)
        .doesNotContain(session.access()).doesNotContain(session.refresh())
        .doesNotContain(session.refresh().split("\\.")[3]).doesNotContain("argon2");
  }

  @Test
  @DisplayName("self-deletion removes every Redis key and every row of the user")
  void selfDeletion_removesEveryKeyAndRow() throws SQLException {
    String email = register();
    Session session = login(email);
    Session other = login(email);
    String id = app.get("/users/me", session.access()).text("id");
    assertThat(app.post("/security/password-reset", null, Map.of("email", email)).status())
        .isEqualTo(202);
    String code = app.awaitCode(email, "reset");
    String wrong = code.equals("000000") ? "111111" : "000000";
    assertThat(app.post("/security/password-reset/confirm", null, Map.of("email", email,
        "code", wrong, "new_password", "another long passphrase")).status())
        .as("a wrong reset code, counted against the user's cap").isEqualTo(400);
    assertThat(redisKeysOf(id)).anyMatch(key -> key.contains(":guesses:"))
        .anyMatch(key -> key.contains(":session:"));
    assertThat(rowsNaming(id, email)).isNotEmpty();

    assertThat(app.delete("/users/me", session.access(), Map.of("current_password", PASSWORD))
        .status()).isEqualTo(204);

    assertThat(app.get("/users/me", other.access()).status()).isEqualTo(401);
    assertThat(redisKeysOf(id)).isEmpty();
    assertThat(app.awaitLatestMail(email, "deleted").path("subject").asText())
        .endsWith("account was deleted");
    // What is left naming the account: the audit trail, which outlives accounts until
    // AUDIT_RETENTION (docs/security.md), and the goodbye letter until MAIL_RETENTION.
    assertThat(rowsNaming(id, email)).allSatisfy(row -> assertThat(row)
        .matches("audit_events\\..*|mail_outbox\\.recipient: Your .*account was deleted"));
    assertThat(rowsNaming(id, email)).contains("audit_events.user_id")
        .doesNotContain("users.id", "users.email");
  }

  private static String register() {
    String email = EndToEndTest.unique("account");
    var reply = app.post("/users", null, Map.of("email", email, "password", PASSWORD));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
    return email;
  }

  private static Session login(String email) {
    var reply = app.post("/security/login", null, Map.of("email", email, "password", PASSWORD));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return new Session(reply.text("access_token"), reply.text("refresh_token"));
  }

  private static int refreshStatus(Session session) {
    return app.post("/security/refresh", null, Map.of("refresh_token", session.refresh()))
        .status();
  }

  /** Every key of this instance that names the user. */
  private static List<String> redisKeysOf(String id) {
    RedisClient client = RedisClient.create(TestServices.environment().get("REDIS_URL"));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = new ArrayList<>();
      ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*" + id + "*")
          .limit(500)).forEachRemaining(keys::add);
      return keys;
    } finally {
      client.shutdown();
    }
  }

  /**
   * Every {@code table.column} of every table of ours holding the user's id or email, found
   * through the catalogue, so a table added later is searched too. For the outbox's recipient,
   * the subject of each letter is added.
   */
  private static List<String> rowsNaming(String id, String email) throws SQLException {
    Map<String, String> env = TestServices.environment();
    List<String> found = new ArrayList<>();
    try (var connection = DriverManager.getConnection(env.get("DATABASE_URL"),
        env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        var columns = connection.createStatement().executeQuery(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
                + " AND data_type IN ('uuid', 'text', 'character varying', 'jsonb')")) {
      while (columns.next()) {
        String table = columns.getString(2);
        String column = columns.getString(3);
        String sql = "SELECT " + (table.equals("mail_outbox") ? "subject" : "'x'")
            + " FROM \"" + columns.getString(1) + "\".\"" + table + "\" WHERE \"" + column
            + "\"::text = ? OR \"" + column + "\"::text LIKE ?";
        try (var query = connection.prepareStatement(sql)) {
          query.setString(1, id);
          query.setString(2, "%" + email + "%");
          try (var rows = query.executeQuery()) {
            while (rows.next()) {
              found.add(table + "." + column + (table.equals("mail_outbox")
                  ? ": " + rows.getString(1) : ""));
            }
          }
        }
      }
    }
    return found;
  }

  private static String queryOne(String sql) throws SQLException {
    Map<String, String> env = TestServices.environment();
    try (var connection = DriverManager.getConnection(env.get("DATABASE_URL"),
        env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        var result = connection.createStatement().executeQuery(sql)) {
      assertThat(result.next()).as(sql).isTrue();
      return result.getString(1);
    }
  }
}
