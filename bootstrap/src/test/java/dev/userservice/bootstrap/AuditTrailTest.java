package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.bootstrap.RunningApp.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The audit trail on the real application (PostgreSQL, Redis, HTTP): what the use cases record,
 * read back through {@code GET /audit-events} with its filters and pages, the user's own
 * {@code GET /users/me/events}, who may read which, the log line per event, and the prune.
 */
class AuditTrailTest {

  private static final String PASSWORD = "correct horse battery";
  private static final String NEW_PASSWORD = "a new and longer password";
  private static RunningApp app;

  @BeforeAll
  static void start() {
    app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("audit")));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void anAccountsHistory_isRecorded_andReadBackNewestFirst_filtered_andPaged() {
    String admin = EndToEndTest.adminToken(app);
    String email = EndToEndTest.unique("audited");
    String id = app.post("/users", null, Map.of("email", email, "password", PASSWORD))
        .text("id");
    Instant afterRegistration = Instant.now();
    assertThat(app.post("/security/login", null, Map.of("email", email, "password",
        "not the password"), Map.of("X-Request-Id", "audit-e2e-1", "User-Agent", "e2e/1"))
        .status()).isEqualTo(401);
    String access = login(email, PASSWORD);
    assertThat(app.put("/security/password", access, Map.of("current_password", PASSWORD,
        "new_password", NEW_PASSWORD)).status()).isEqualTo(204);
    assertThat(app.post("/security/logout-all", access, Map.of()).status()).isEqualTo(204);

    assertThat(types("/audit-events?user_id=" + id, admin)).containsExactly(
        "logged_out_everywhere", "password_changed", "login_succeeded", "login_failed",
        "verification_code_sent", "registered");
    assertThat(types("/audit-events?user_id=" + id + "&type=login_failed&type=password_changed",
        admin)).containsExactly("password_changed", "login_failed");
    assertThat(types("/audit-events?user_id=" + id + "&type=registered,logged_out_everywhere",
        admin)).containsExactly("logged_out_everywhere", "registered");
    assertThat(types("/audit-events?user_id=" + id + "&created_after=" + afterRegistration,
        admin)).doesNotContain("registered").contains("login_failed");
    assertThat(types("/audit-events?user_id=" + id + "&created_before=" + afterRegistration,
        admin)).containsExactly("verification_code_sent", "registered");
    assertThat(types("/audit-events?actor_id=" + id + "&type=password_changed", admin))
        .containsExactly("password_changed");

    JsonNode failed = app.get("/audit-events?user_id=" + id + "&type=login_failed", admin)
        .json().path("items").get(0);
    assertThat(failed.path("request_id").asText()).isEqualTo("audit-e2e-1");
    assertThat(failed.path("user_agent").asText()).isEqualTo("e2e/1");
    assertThat(failed.path("client_address").asText()).isEqualTo("127.0.0.1");
    assertThat(failed.path("details").path("reason").asText()).isEqualTo("wrong_password");
    assertThat(failed.toString()).doesNotContain("not the password");

    List<String> paged = new ArrayList<>();
    Set<Long> ids = new HashSet<>();
    String cursor = null;
    do {
      Reply page = app.get("/audit-events?user_id=" + id + "&limit=4"
          + (cursor == null ? "" : "&cursor=" + cursor), admin);
      assertThat(page.status()).isEqualTo(200);
      page.json().path("items").forEach(item -> {
        paged.add(item.path("type").asText());
        assertThat(ids.add(item.path("id").asLong())).isTrue();
      });
      cursor = page.json().path("next_cursor").isNull() ? null
          : page.json().path("next_cursor").asText();
    } while (cursor != null);
    assertThat(paged).isEqualTo(types("/audit-events?user_id=" + id, admin));
  }

  @Test
  void aUser_readsTheirOwnActivity_butNotTheTrail_andAnonymousCallersNeither() {
    String email = EndToEndTest.unique("own");
    app.post("/users", null, Map.of("email", email, "password", PASSWORD));
    app.post("/security/login", null, Map.of("email", email, "password", "not the password"));
    String access = login(email, PASSWORD);

    assertThat(types("/users/me/events", access))
        .containsExactly("login_succeeded", "login_failed");
    assertThat(app.get("/audit-events", access).status()).isEqualTo(403);
    assertThat(app.get("/audit-events", null).status()).isEqualTo(401);
    assertThat(app.get("/users/me/events", null).status()).isEqualTo(401);
  }

  @Test
  void everyEvent_isOneStructuredLogLine_withoutSecrets() {
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Logger events = (Logger) LoggerFactory.getLogger("dev.userservice.events");
    events.addAppender(lines);
    try {
      String email = EndToEndTest.unique("logged");
      app.post("/security/login", null, Map.of("email", email, "password", "a guess that fails"));
    } finally {
      events.detachAppender(lines);
    }

    assertThat(lines.list).hasSize(1);
    ILoggingEvent line = lines.list.get(0);
    Map<String, Object> fields = new java.util.HashMap<>();
    line.getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
    assertThat(fields).containsEntry("event.type", "login_failed")
        .containsEntry("event.actor", "anonymous")
        .containsEntry("event.reason", "unknown_account")
        .containsKeys("request.id", "client.ip");
    assertThat(line.getFormattedMessage()).startsWith("login_failed")
        .doesNotContain("a guess that fails");
  }

  @Test
  void theApplicationsOwnWarnings_reachTheServicesLogging() {
    // A listener that throws is logged by the application through System.Logger.
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Logger events = (Logger) LoggerFactory.getLogger("dev.userservice.application.Events");
    events.addAppender(lines);
    try {
      System.getLogger("dev.userservice.application.Events")
          .log(System.Logger.Level.WARNING, "a listener failed");
    } finally {
      events.detachAppender(lines);
    }

    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("a listener failed");
  }

  @Test
  void entriesPastTheRetention_arePrunedByTheJob() {
    String email = EndToEndTest.unique("pruned");
    String id = app.post("/users", null, Map.of("email", email, "password", PASSWORD))
        .text("id");
    RunningApp.pause(Duration.ofMillis(1500));

    try (RunningApp pruning = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "false",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("audit-prune"),
        "AUDIT_RETENTION", "PT1S", "PURGE_INTERVAL", "PT1H"))) {
      pruning.wiring.jobs().purge();
    }

    String admin = EndToEndTest.adminToken(app);
    assertThat(types("/audit-events?user_id=" + id, admin)).isEmpty();
  }

  private static String login(String email, String password) {
    Reply reply = app.post("/security/login", null, Map.of("email", email, "password", password));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply.text("access_token");
  }

  private static List<String> types(String path, String token) {
    Reply reply = app.get(path, token);
    assertThat(reply.status()).as(path + ": " + reply.raw().body()).isEqualTo(200);
    List<String> types = new ArrayList<>();
    reply.json().path("items").forEach(item -> types.add(item.path("type").asText()));
    return types;
  }
}
