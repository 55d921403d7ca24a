package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No secret leaves the service where it should not. One full journey (register, mail, wrong and
 * right logins, verify, refresh, password change, reset, resend, email change, admin edits,
 * logout, deletion) runs against the real application while every log event is captured, with
 * the service's own loggers turned up to TRACE. Then every secret the journey created (plain
 * passwords, wrong ones included, password hashes read from the database, one-time codes,
 * access and refresh tokens) is looked for in the logs and in every response.
 * The in-process fake mail server's log lines count too: it logs subjects, which carry no code.
 */
class SecretLeakTest {

  private static final String PASSWORD = "correct horse battery";
  private static final String ADMIN_PASSWORD = "first operator passphrase for tests";
  /** Ids and the journey's addresses carry random hex, which may spell a code's six digits. */
  private static final Pattern RANDOM_HEX = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
          + "|[\\w.+-]+@example\\.com");

  private static RunningApp app;
  private static ListAppender<ILoggingEvent> logs;
  private static Level serviceLevelBefore;

  /** Where each secret may legitimately appear: the reply that issued a token. */
  private final Map<String, RunningApp.Reply> issuedBy = new LinkedHashMap<>();
  private final List<String> passwords = new ArrayList<>(List.of(ADMIN_PASSWORD));
  private final List<String> hashes = new ArrayList<>();
  private final List<String> codes = new ArrayList<>();
  private final List<String> tokens = new ArrayList<>();

  @BeforeAll
  static void start() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs = new ListAppender<>();
    logs.setContext(context);
    logs.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
    Logger service = context.getLogger("dev.userservice");
    serviceLevelBefore = service.getLevel();
    service.setLevel(Level.TRACE);
    app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("secrets")));
  }

  @AfterAll
  static void stop() {
    app.close();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
    context.getLogger("dev.userservice").setLevel(serviceLevelBefore);
  }

  @Test
  @DisplayName("a full journey leaves no password, hash, code or token in the logs or responses")
  void aFullJourney_leaksNoSecret() {
    journey();

    assertThat(logs.list).as("captured log events").isNotEmpty();
    String logText = logText();
    assertThat(logText).as("the journey was logged").contains("POST /security/login 200");
    for (String secret : allSecrets()) {
      assertThat(logText).as("the logs").doesNotContain(secret);
    }
    String logWithoutIds = RANDOM_HEX.matcher(logText).replaceAll("<id>");
    for (String code : codes) {
      assertThat(Pattern.compile("(?<!\\d)" + code + "(?!\\d)").matcher(logWithoutIds).find())
          .as("code %s in the logs", code).isFalse();
    }

    List<RunningApp.Reply> replies = app.transcript().stream()
        .filter(reply -> !reply.raw().uri().getPath().startsWith("/fake-mail"))
        .toList();
    assertThat(replies).hasSizeGreaterThan(25);
    for (RunningApp.Reply reply : replies) {
      String text = responseText(reply);
      String where = reply.raw().request().method() + " " + reply.raw().uri().getPath() + " "
          + reply.status();
      for (String secret : passwordsHashesAndCodes()) {
        assertThat(text).as(where).doesNotContain(secret);
      }
      for (String token : tokens) {
        if (issuedBy.get(token) != reply) {
          assertThat(text).as(where + " repeats a token it did not issue").doesNotContain(token);
        }
      }
    }
  }

  private void journey() {
    String email = EndToEndTest.unique("secretive");
    passwords.add(PASSWORD);
    var registered = app.post("/users", null, Map.of("email", email, "password", PASSWORD,
        "first_name", "Sec"));
    assertThat(registered.status()).isEqualTo(201);
    String id = registered.text("id");
    hashes.add(hashOf(id));
    codes.add(app.awaitCode(email, "verification"));

    String wrong = "not the password at all";
    passwords.add(wrong);
    assertThat(app.post("/security/login", null, Map.of("email", email, "password", wrong))
        .status()).isEqualTo(401);
    String unknownPassword = "a password for nobody";
    passwords.add(unknownPassword);
    assertThat(app.post("/security/login", null,
        Map.of("email", EndToEndTest.unique("nobody"), "password", unknownPassword)).status())
        .isEqualTo(401);

    String access = login(email, PASSWORD)[0];
    assertThat(app.post("/users/me/verification", access, Map.of("code", "000000"))
        .status()).isIn(400, 200);
    assertThat(app.post("/users/me/verification", access, Map.of("code", codes.get(0)))
        .status()).isIn(200, 400);
    assertThat(app.get("/users/me", access).status()).isEqualTo(200);

    String[] session = login(email, PASSWORD);
    String[] refreshed = refresh(session[1]);
    assertThat(app.get("/users/me", refreshed[0]).status()).isEqualTo(200);

    String changed = "a changed password";
    passwords.add(changed);
    assertThat(app.put("/security/password", refreshed[0],
        Map.of("current_password", PASSWORD, "new_password", changed)).status()).isEqualTo(204);
    hashes.add(hashOf(id));
    assertThat(app.put("/security/password", refreshed[0],
        Map.of("current_password", "a wrong current one", "new_password", "whatever else"))
        .status()).isIn(400, 401, 403);
    passwords.add("a wrong current one");
    passwords.add("whatever else");

    assertThat(app.post("/security/password-reset", null, Map.of("email", email)).status())
        .isEqualTo(202);
    codes.add(app.awaitCode(email, "reset"));
    String reset = "a password after reset";
    passwords.add(reset);
    assertThat(app.post("/security/password-reset/confirm", null, Map.of("email", email,
        "code", "999999", "new_password", "never used password")).status()).isEqualTo(400);
    passwords.add("never used password");
    assertThat(app.post("/security/password-reset/confirm", null, Map.of("email", email,
        "code", codes.get(1), "new_password", reset)).status()).isEqualTo(204);
    hashes.add(hashOf(id));

    // A second user: resend, then an email change, which mails a code to the new address.
    String other = EndToEndTest.unique("other");
    passwords.add("a second user's passphrase");
    assertThat(app.post("/users", null, Map.of("email", other, "password", "a second user's passphrase"))
        .status()).isEqualTo(201);
    String otherId = app.get("/users/me", login(other, "a second user's passphrase")[0]).text("id");
    hashes.add(hashOf(otherId));
    String firstCode = app.awaitCode(other, "verification");
    codes.add(firstCode);
    String[] otherSession = login(other, "a second user's passphrase");
    // Both mail a code, so within a minute of registering both may be throttled (429).
    assertThat(app.post("/users/me/verification-code", otherSession[0], Map.of()).status())
        .isIn(202, 429);
    String moved = EndToEndTest.unique("moved");
    var move = app.patch("/users/me", otherSession[0],
        Map.of("email", moved, "current_password", "a second user's passphrase"));
    assertThat(move.status()).isIn(200, 429);

    String[] admin = login("admin@example.com", ADMIN_PASSWORD);
    hashes.add(hashOfAdmin());
    assertThat(app.get("/users?limit=100", admin[0]).status()).isEqualTo(200);
    assertThat(app.get("/users/" + id, admin[0]).status()).isEqualTo(200);
    assertThat(app.patch("/users/" + otherId, admin[0], Map.of("first_name", "Renamed"))
        .status()).isEqualTo(200);

    String[] last = login(email, reset);
    assertThat(app.post("/security/logout", null, Map.of("refresh_token", last[1])).status())
        .isEqualTo(204);
    assertThat(app.post("/security/refresh", null, Map.of("refresh_token", last[1])).status())
        .isEqualTo(401);
    assertThat(app.get("/users/me", last[0]).status()).isEqualTo(401);
    assertThat(app.delete("/users/" + id, admin[0]).status()).isEqualTo(204);
    assertThat(app.delete("/users/" + otherId, admin[0]).status()).isEqualTo(204);
    assertThat(app.get("/users/me", refreshed[0]).status()).isEqualTo(401);

    for (String address : List.of(email, other)) {
      codes.addAll(codesMailedTo(address));
    }
    if (move.status() == 200) {
      app.awaitCode(moved, "verification");
      codes.addAll(codesMailedTo(moved));
    }
  }

  /** Every code in every letter the fake mailbox holds for {@code address}. */
  private static List<String> codesMailedTo(String address) {
    List<String> found = new ArrayList<>();
    for (var letter : app.get("/fake-mail/" + address + "/messages", null).json()) {
      var matcher = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)")
          .matcher(letter.path("subject").asText() + "\n" + letter.path("text").asText());
      while (matcher.find()) {
        found.add(matcher.group(1));
      }
    }
    assertThat(found).as("codes mailed to " + address).isNotEmpty();
    return found;
  }

  private String[] login(String email, String password) {
    var reply = app.post("/security/login", null, Map.of("email", email, "password", password));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return issued(reply);
  }

  private String[] refresh(String refreshToken) {
    var reply = app.post("/security/refresh", null, Map.of("refresh_token", refreshToken));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return issued(reply);
  }

  private String[] issued(RunningApp.Reply reply) {
    String access = reply.text("access_token");
    String refresh = reply.text("refresh_token");
    for (String token : List.of(access, refresh)) {
      tokens.add(token);
      issuedBy.put(token, reply);
    }
    // The signature alone is as good as the token for a replay; look for it on its own too.
    String signature = access.substring(access.lastIndexOf('.') + 1);
    tokens.add(signature);
    issuedBy.put(signature, reply);
    return new String[] {access, refresh};
  }

  private List<String> passwordsHashesAndCodes() {
    List<String> secrets = new ArrayList<>(passwords);
    secrets.addAll(hashes);
    // The hash part of a PHC string on its own, as a careless log line might print it.
    hashes.forEach(hash -> secrets.add(hash.substring(hash.lastIndexOf('$') + 1)));
    return secrets;
  }

  private List<String> allSecrets() {
    List<String> secrets = passwordsHashesAndCodes();
    secrets.addAll(tokens);
    return secrets;
  }

  private static String logText() {
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent event : List.copyOf(logs.list)) {
      text.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
      if (event.getArgumentArray() != null) {
        text.append(' ').append(Arrays.deepToString(event.getArgumentArray()));
      }
      text.append(' ').append(event.getMDCPropertyMap());
      if (event.getThrowableProxy() != null) {
        text.append(' ').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String responseText(RunningApp.Reply reply) {
    return reply.raw().headers().map() + "\n" + Objects.toString(reply.raw().body(), "");
  }

  private static String hashOf(String id) {
    return queryOne("SELECT password_hash FROM users WHERE id = '" + id + "'::uuid");
  }

  private static String hashOfAdmin() {
    return queryOne("SELECT password_hash FROM users WHERE email = 'admin@example.com'");
  }

  private static String queryOne(String sql) {
    Map<String, String> env = TestServices.environment();
    try (var connection = DriverManager.getConnection(env.get("DATABASE_URL"),
        env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      assertThat(result.next()).as(sql).isTrue();
      return result.getString(1);
    } catch (SQLException e) {
      throw new AssertionError("the test database is not reachable", e);
    }
  }
}
