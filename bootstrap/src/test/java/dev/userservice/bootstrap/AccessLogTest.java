package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The access log of the running service, as its JSON format writes it: one field per fact. */
class AccessLogTest {

  private static RunningApp app;
  private static final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private static Logger accessLog;

  @BeforeAll
  static void start() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    captured.setContext(context);
    captured.start();
    accessLog = context.getLogger("dev.userservice.http.access");
    accessLog.addAppender(captured);
    app = RunningApp.start(Map.of("REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("access-log")));
  }

  @AfterAll
  static void stop() {
    app.close();
    accessLog.detachAppender(captured);
  }

  @Test
  void anAuthenticatedRequest_isLoggedWithNamedFields() throws Exception {
    var login = app.post("/security/login", null, Map.of("email", "admin@example.com",
        "password", "first operator passphrase for tests"));
    String token = login.text("access_token");
    var me = app.get("/users/me", token);
    assertThat(me.status()).isEqualTo(200);
    String requestId = me.header("X-Request-Id");

    // The line is written once the response is out: wait for it (a hang guard, not a timing check).
    java.time.Instant giveUp = java.time.Instant.now().plusSeconds(30);
    ILoggingEvent event = null;
    while (event == null && java.time.Instant.now().isBefore(giveUp)) {
      event = events().stream()
          .filter(e -> e.getFormattedMessage().endsWith("request_id=" + requestId))
          .findFirst().orElse(null);
      if (event == null) {
        RunningApp.pause(java.time.Duration.ofMillis(20));
      }
    }
    assertThat(event).as("access log line of request " + requestId).isNotNull();
    // Text: the line people have always read.
    assertThat(event.getFormattedMessage()).matches(
        "GET /users/me 200 \\d+\\.\\dms request_id=" + requestId);

    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    String line = new String(Logging.encoder(context, true).encode(event),
        StandardCharsets.UTF_8);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("message").asText()).isEqualTo(event.getFormattedMessage());
    assertThat(json.get("http.method").asText()).isEqualTo("GET");
    assertThat(json.get("url.path").asText()).isEqualTo("/users/me");
    assertThat(json.get("http.status").asInt()).isEqualTo(200);
    assertThat(json.get("duration_ms").isNumber()).isTrue();
    assertThat(json.get("client.ip").asText()).isEqualTo("127.0.0.1");
    assertThat(json.get("user.id").asText()).isEqualTo(me.text("id"));
    assertThat(json.get("request.id").asText()).isEqualTo(requestId);
  }

  private static List<ILoggingEvent> events() {
    synchronized (captured) {
      return List.copyOf(captured.list);
    }
  }
}
