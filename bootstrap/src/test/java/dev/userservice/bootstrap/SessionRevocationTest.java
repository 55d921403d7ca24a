package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every event that must end sessions ends them at once, on the real application: the access
 * token stops working (the liveness check on every request) and so does the refresh token.
 */
class SessionRevocationTest {

  private static final String PASSWORD = "correct horse battery";
  private static RunningApp app;
  private static String prefix;

  /** One login: its access token and refresh token. */
  private record Session(String access, String refresh) {}

  @BeforeAll
  static void start() {
    prefix = TestServices.freshKeyPrefix("sessions");
    app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true", "REDIS_KEY_PREFIX", prefix));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("logout ends that session only")
  void logout_endsThatSessionOnly() {
    String email = register();
    Session leaving = login(app, email, PASSWORD);
    Session staying = login(app, email, PASSWORD);

    assertThat(app.post("/security/logout", null, Map.of("refresh_token", leaving.refresh()))
        .status()).isEqualTo(204);

    assertDead(app, leaving);
    assertAlive(app, staying);
  }

  @Test
  @DisplayName("logout-all ends every session of the user")
  void logoutAll_endsEverySession() {
    String email = register();
    Session one = login(app, email, PASSWORD);
    Session other = login(app, email, PASSWORD);

    assertThat(app.post("/security/logout-all", one.access(), Map.of()).status()).isEqualTo(204);

    assertDead(app, one);
    assertDead(app, other);
  }

  @Test
  @DisplayName("a password change ends the other sessions and keeps the one that made it")
  void passwordChange_endsTheOtherSessions() {
    String email = register();
    Session changing = login(app, email, PASSWORD);
    Session other = login(app, email, PASSWORD);

    assertThat(app.put("/security/password", changing.access(), Map.of(
        "current_password", PASSWORD, "new_password", "a new and longer password")).status())
        .isEqualTo(204);

    assertDead(app, other);
    assertAlive(app, changing);
    assertThat(loginStatus(app, email, PASSWORD)).isEqualTo(401);
  }

  @Test
  @DisplayName("a password reset ends every session")
  void passwordReset_endsEverySession() {
    String email = register();
    Session one = login(app, email, PASSWORD);
    Session other = login(app, email, PASSWORD);

    assertThat(app.post("/security/password-reset", null, Map.of("email", email)).status())
        .isEqualTo(202);
    String code = app.awaitCode(email, "reset");
    assertThat(app.post("/security/password-reset/confirm", null, Map.of(
        "email", email, "code", code, "new_password", "a reset password")).status())
        .isEqualTo(204);

    assertDead(app, one);
    assertDead(app, other);
    assertThat(loginStatus(app, email, "a reset password")).isEqualTo(200);
  }

  @Test
  @DisplayName("a role change ends every session of the user, who logs in again with the new role")
  void roleChange_endsEverySession() {
    String admin = EndToEndTest.adminToken(app);
    String email = register();
    Session first = login(app, email, PASSWORD);
    String id = app.get("/users/me", first.access()).text("id");
    // Only a verified account may be made an administrator.
    assertThat(app.post("/users/me/verification", first.access(),
        Map.of("code", app.awaitCode(email, "verification"))).status()).isEqualTo(200);
    Session one = login(app, email, PASSWORD);
    Session other = login(app, email, PASSWORD);

    assertThat(app.patch("/users/" + id, admin, Map.of("role", "ADMIN")).status()).isEqualTo(200);

    assertDead(app, one);
    assertDead(app, other);
    Session promoted = login(app, email, PASSWORD);
    assertThat(app.get("/users/count", promoted.access()).status()).isEqualTo(200);
    // Other tests count the administrators: leave only the configured one.
    assertThat(app.delete("/users/" + id, admin).status()).isEqualTo(204);
  }

  @Test
  @DisplayName("deleting a user ends every session of that user")
  void deletion_endsEverySession() {
    String admin = EndToEndTest.adminToken(app);
    String email = register();
    Session one = login(app, email, PASSWORD);
    Session other = login(app, email, PASSWORD);
    String id = app.get("/users/me", one.access()).text("id");

    assertThat(app.delete("/users/" + id, admin).status()).isEqualTo(204);

    assertDead(app, one);
    assertDead(app, other);
    assertThat(loginStatus(app, email, PASSWORD)).isEqualTo(401);
  }

  @Test
  @DisplayName("racing refreshes within the grace window share one new pair")
  void refreshReuse_withinTheGraceWindow_returnsTheSamePair() {
    String email = register();
    Session original = login(app, email, PASSWORD);

    var racing = app.post("/security/refresh", null, Map.of("refresh_token", original.refresh()));
    var late = app.post("/security/refresh", null, Map.of("refresh_token", original.refresh()));

    assertThat(racing.status()).isEqualTo(200);
    assertThat(late.status()).isEqualTo(200);
    assertThat(late.text("refresh_token")).isEqualTo(racing.text("refresh_token"));
    assertAlive(app, new Session(late.text("access_token"), late.text("refresh_token")));
  }

  @Test
  @DisplayName("a rotated refresh token presented after the grace window revokes the session")
  void refreshReuse_afterTheGraceWindow_revokesTheSession() {
    try (RunningApp strict = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "false",
        "REDIS_KEY_PREFIX", prefix, "REFRESH_REUSE_GRACE", "PT1S"))) {
      String email = register();
      Session stolen = login(strict, email, PASSWORD);
      Session otherDevice = login(strict, email, PASSWORD);
      var rotated = strict.post("/security/refresh", null,
          Map.of("refresh_token", stolen.refresh()));
      assertThat(rotated.status()).isEqualTo(200);
      Session current = new Session(rotated.text("access_token"), rotated.text("refresh_token"));
      assertAlive(strict, current);

      RunningApp.pause(Duration.ofMillis(1500)); // past the grace window: no race, a replay

      var replayed = strict.post("/security/refresh", null,
          Map.of("refresh_token", stolen.refresh()));
      assertThat(replayed.status()).isEqualTo(401);
      assertDead(strict, current);
      assertDead(strict, stolen);
      assertAlive(strict, otherDevice);
    }
  }

  @Test
  @DisplayName("a never-verified account is purged together with its sessions")
  void unverifiedAccount_isPurgedWithItsSessions() {
    String admin = EndToEndTest.adminToken(app);
    String unverified = register();
    Session doomed = login(app, unverified, PASSWORD);
    String verified = register();
    Session kept = login(app, verified, PASSWORD);
    assertThat(app.post("/users/me/verification", kept.access(),
        Map.of("code", app.awaitCode(verified, "verification"))).status()).isEqualTo(200);

    try (RunningApp purging = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "false",
        "REDIS_KEY_PREFIX", prefix, "UNVERIFIED_ACCOUNT_TTL", "PT1S", "PURGE_INTERVAL", "PT1S"))) {
      Instant giveUp = Instant.now().plus(Duration.ofSeconds(30)); // a hang guard
      while (count(purging, admin, unverified) > 0 && Instant.now().isBefore(giveUp)) {
        RunningApp.pause(Duration.ofMillis(200));
      }
      assertThat(count(purging, admin, unverified)).as("purged").isZero();
    }

    assertDead(app, doomed);
    assertThat(loginStatus(app, unverified, PASSWORD)).isEqualTo(401);
    assertThat(count(app, admin, verified)).as("verified accounts stay").isEqualTo(1);
    assertAlive(app, kept);
  }

  private static String register() {
    String email = EndToEndTest.unique("session");
    var reply = app.post("/users", null, Map.of("email", email, "password", PASSWORD));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
    return email;
  }

  private static Session login(RunningApp instance, String email, String password) {
    var reply = instance.post("/security/login", null,
        Map.of("email", email, "password", password));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return new Session(reply.text("access_token"), reply.text("refresh_token"));
  }

  private static int loginStatus(RunningApp instance, String email, String password) {
    return instance.post("/security/login", null, Map.of("email", email, "password", password))
        .status();
  }

  private static long count(RunningApp instance, String admin, String email) {
    return instance.get("/users/count?email=" + email, admin).json().path("count").asLong();
  }

  private static void assertAlive(RunningApp instance, Session session) {
    assertThat(instance.get("/users/me", session.access()).status())
        .as("the access token of a live session").isEqualTo(200);
  }

  /** Neither the access token nor the refresh token works any more. */
  private static void assertDead(RunningApp instance, Session session) {
    assertThat(instance.get("/users/me", session.access()).status())
        .as("the access token of an ended session").isEqualTo(401);
    assertThat(instance.post("/security/refresh", null,
        Map.of("refresh_token", session.refresh())).status())
        .as("the refresh token of an ended session").isEqualTo(401);
  }
}
