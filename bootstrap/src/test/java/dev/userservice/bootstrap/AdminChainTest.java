package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 17, finding 4, end to end: the purge deleted the last administrator (a never-verified
 * one), and the next start made whoever had self-registered {@code ADMIN_EMAIL} an administrator,
 * verified, with their own password. Every link of that chain is closed: a never-verified account
 * cannot be promoted, the purge keeps administrators, and a start never promotes an unverified
 * account. These instances use a schema of their own: the chain needs a database without an
 * administrator, which the other end-to-end tests must never see.
 */
class AdminChainTest {

  private static final String PASSWORD = "correct horse battery";
  private static final String SCHEMA = "admin_chain";

  private final Map<String, String> env = new HashMap<>();
  private final ListAppender<ILoggingEvent> wiringLog = new ListAppender<>();

  @BeforeEach
  void ownSchema() {
    Map<String, String> shared = TestServices.environment();
    sql(shared, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
    env.put("DATABASE_SCHEMA", SCHEMA);
    env.put("DATABASE_URL", TestServices.searchingSchema(shared.get("DATABASE_URL"), SCHEMA));
    env.put("REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("admin-chain"));
    env.put("FAKE_MAIL_ENABLED", "false");
    env.put("ADMIN_EMAIL", "boss@example.com");
    env.put("ADMIN_PASSWORD", "a long and private passphrase");
    env.put("UNVERIFIED_ACCOUNT_TTL", "PT1S");
    env.put("PURGE_INTERVAL", "PT1H");
    wiringLog.start();
    ((Logger) LoggerFactory.getLogger(Wiring.class)).addAppender(wiringLog);
  }

  @AfterEach
  void dropSchema() {
    ((Logger) LoggerFactory.getLogger(Wiring.class)).detachAppender(wiringLog);
    sql(TestServices.environment(), "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
  }

  @Test
  void finding4_purgingTheLastAdmin_thenRestarting_neverHandsAdminToASelfRegisteredAdminEmail() {
    String eveId;
    try (RunningApp app = RunningApp.start(env)) {
      assertThat(warnings()).anyMatch(line -> line.contains("created the administrator")
          && line.contains("boss@example.com"));
      String boss = login(app, "boss@example.com", "a long and private passphrase");
      String bossId = app.get("/users/me", boss).text("id");
      eveId = app.post("/users", null, Map.of("email", "eve@example.com", "password", PASSWORD))
          .text("id");
      assertThat(app.post("/users", null,
          Map.of("email", "stale@example.com", "password", PASSWORD)).status()).isEqualTo(201);

      var promotion = app.patch("/users/" + eveId, boss, Map.of("role", "ADMIN"));
      assertThat(promotion.status()).as("promoting a never-verified account").isEqualTo(409);
      assertThat(promotion.text("detail")).contains("verify");

      // A never-verified administrator, as an earlier version let one be made; then the
      // verified one leaves.
      sql(env, "UPDATE users SET role = 'ADMIN' WHERE id = '" + eveId + "'");
      assertThat(app.delete("/users/" + bossId, boss).status()).isEqualTo(204);
      RunningApp.pause(Duration.ofMillis(1500)); // past UNVERIFIED_ACCOUNT_TTL

      app.wiring.jobs().purge();

      assertThat(userRole("stale@example.com")).as("the purge ran").isNull();

      String eve = login(app, "eve@example.com", PASSWORD);
      assertThat(app.get("/users/me", eve).text("role"))
          .as("the purge keeps the last administrator").isEqualTo("ADMIN");
      assertThat(app.post("/users", null, Map.of("email", "boss@example.com", "password",
          "mallory's chosen passphrase")).status()).isEqualTo(201);
    }

    wiringLog.list.clear();
    try (RunningApp restarted = RunningApp.start(env)) {
      String squatter = login(restarted, "boss@example.com", "mallory's chosen passphrase");
      assertThat(restarted.get("/users/me", squatter).text("role")).isEqualTo("USER");
      assertThat(restarted.get("/users/me", squatter).json().path("email_verified").asBoolean())
          .isFalse();
      assertThat(warnings()).noneMatch(line -> line.contains("administrator"));
    }

    // Had the purge removed every administrator (as it did before), the next start refuses.
    sql(env, "UPDATE users SET role = 'USER' WHERE role = 'ADMIN'");
    assertThatThrownBy(() -> RunningApp.start(env))
        .isInstanceOf(Settings.InvalidSettingsException.class)
        .hasMessageContaining("ADMIN_EMAIL")
        .hasMessageContaining("boss@example.com")
        .hasMessageContaining("delete that account")
        .hasMessageContaining("set ADMIN_EMAIL to another address");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"start"}, new Environment(withShared(env)),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("boss@example.com");
    assertThat(userRole("boss@example.com")).isEqualTo("USER");
  }

  @Test
  void finding4_aStartThatPromotesAVerifiedAdminEmailAccount_logsItAtWarn() {
    try (RunningApp app = RunningApp.start(env)) {
      String boss = login(app, "boss@example.com", "a long and private passphrase");
      String bossId = app.get("/users/me", boss).text("id");
      sql(env, "UPDATE users SET role = 'USER' WHERE id = '" + bossId + "'");
    }
    wiringLog.list.clear();

    try (RunningApp restarted = RunningApp.start(env)) {
      assertThat(warnings()).anyMatch(line -> line.contains("made the verified account")
          && line.contains("boss@example.com"));
      assertThat(restarted.get("/users/me",
          login(restarted, "boss@example.com", "a long and private passphrase")).text("role"))
          .isEqualTo("ADMIN");
    }
  }

  private List<String> warnings() {
    return wiringLog.list.stream().filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  private String userRole(String email) {
    try (var connection = connect(env);
        var statement = connection.prepareStatement("SELECT role FROM users WHERE email = ?")) {
      statement.setString(1, email);
      try (var rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String login(RunningApp app, String email, String password) {
    var reply = app.post("/security/login", null, Map.of("email", email, "password", password));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply.text("access_token");
  }

  private static Map<String, String> withShared(Map<String, String> overrides) {
    Map<String, String> all = TestServices.environment();
    all.putAll(overrides);
    return all;
  }

  private static void sql(Map<String, String> settings, String... statements) {
    try (var connection = connect(settings); var statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.sql.Connection connect(Map<String, String> settings) throws SQLException {
    Map<String, String> all = withShared(settings);
    return DriverManager.getConnection(all.get("DATABASE_URL"), all.get("DATABASE_USER"),
        all.get("DATABASE_PASSWORD"));
  }
}
