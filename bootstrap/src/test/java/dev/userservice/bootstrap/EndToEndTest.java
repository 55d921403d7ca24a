package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real application (PostgreSQL, Redis, the fake SMTP server, a real socket) walked through
 * the journeys a client makes. Letters are read from the fake mail client, as a person would.
 */
class EndToEndTest {

  private static final String PASSWORD = "correct horse battery";
  private static RunningApp app;

  @BeforeAll
  static void start() {
    app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void register_mail_login_verify_profile_refresh_logout() {
    String email = unique("ada");
    var registered = app.post("/users", null,
        Map.of("email", email, "password", PASSWORD, "first_name", "Ada"));
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.header("Location")).isEqualTo("/users/" + registered.text("id"));
    assertThat(registered.json().path("email_verified").asBoolean()).isFalse();
    assertThat(registered.json().has("password_hash")).isFalse();

    String code = app.awaitCode(email, "verification");

    var login = app.post("/security/login", null, Map.of("email", email, "password", PASSWORD));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.text("token_type")).isEqualTo("Bearer");
    assertThat(login.header("Cache-Control")).contains("no-store");
    String access = login.text("access_token");

    var verified = app.post("/users/me/verification", access, Map.of("code", code));
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().path("email_verified").asBoolean()).isTrue();

    var profile = app.get("/users/me", access);
    assertThat(profile.status()).isEqualTo(200);
    assertThat(profile.text("email")).isEqualTo(email);
    assertThat(profile.text("first_name")).isEqualTo("Ada");

    var refreshed = app.post("/security/refresh", null,
        Map.of("refresh_token", login.text("refresh_token")));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.text("refresh_token")).isNotEqualTo(login.text("refresh_token"));
    assertThat(app.get("/users/me", refreshed.text("access_token")).status()).isEqualTo(200);

    assertThat(app.post("/security/logout", null,
        Map.of("refresh_token", refreshed.text("refresh_token"))).status()).isEqualTo(204);
    assertThat(app.get("/users/me", refreshed.text("access_token")).status()).isEqualTo(401);
    assertThat(app.post("/security/refresh", null,
        Map.of("refresh_token", refreshed.text("refresh_token"))).status()).isEqualTo(401);
  }

  @Test
  void anAdministrator_listsCountsPromotesAndDeletes() {
    String admin = adminToken(app);
    String email = unique("bob");
    String bobId = app.post("/users", null, Map.of("email", email, "password", PASSWORD))
        .text("id");
    String bobToken = app.post("/security/login", null,
        Map.of("email", email, "password", PASSWORD)).text("access_token");
    var unverifiedPromotion = app.patch("/users/" + bobId, admin, Map.of("role", "ADMIN"));
    assertThat(unverifiedPromotion.status()).as("a never-verified account").isEqualTo(409);
    assertThat(app.post("/users/me/verification", bobToken,
        Map.of("code", app.awaitCode(email, "verification"))).status()).isEqualTo(200);

    var page = app.get("/users?limit=5&email=" + email, admin);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().path("items")).hasSize(1);
    assertThat(page.json().path("items").get(0).path("email").asText()).isEqualTo(email);
    assertThat(app.get("/users/count?role=ADMIN", admin).json().path("count").asLong())
        .isEqualTo(1);
    assertThat(app.get("/users", bobToken).status()).isEqualTo(403);

    var promoted = app.patch("/users/" + bobId, admin, Map.of("role", "ADMIN"));
    assertThat(promoted.status()).isEqualTo(200);
    assertThat(promoted.text("role")).isEqualTo("ADMIN");
    assertThat(app.get("/users/me", bobToken).status())
        .as("a role change ends the user's sessions").isEqualTo(401);

    assertThat(app.delete("/users/" + bobId, admin).status()).isEqualTo(204);
    assertThat(app.get("/users/" + bobId, admin).status()).isEqualTo(404);
  }

  @Test
  void passwordReset_byMail_endsEverySession() {
    String email = unique("carol");
    app.post("/users", null, Map.of("email", email, "password", PASSWORD));
    String oldSession = app.post("/security/login", null,
        Map.of("email", email, "password", PASSWORD)).text("access_token");

    assertThat(app.post("/security/password-reset", null, Map.of("email", email)).status())
        .isEqualTo(202);
    assertThat(app.post("/security/password-reset", null, Map.of("email", unique("nobody")))
        .status()).isEqualTo(202);
    String code = app.awaitCode(email, "reset");
    assertThat(app.post("/security/password-reset/confirm", null,
        Map.of("email", email, "code", code, "new_password", "a brand new password")).status())
        .isEqualTo(204);

    assertThat(app.get("/users/me", oldSession).status()).isEqualTo(401);
    assertThat(app.post("/security/login", null,
        Map.of("email", email, "password", "a brand new password")).status()).isEqualTo(200);
  }

  @Test
  void twoInstances_shareUsersAndSessions_andTheAdminExistsOnce() {
    try (RunningApp other = secondInstance()) {
      String email = unique("dora");
      app.post("/users", null, Map.of("email", email, "password", PASSWORD));
      var login = other.post("/security/login", null, Map.of("email", email, "password", PASSWORD));
      assertThat(login.status()).isEqualTo(200);

      assertThat(app.get("/users/me", login.text("access_token")).status()).isEqualTo(200);
      var refreshed = app.post("/security/refresh", null,
          Map.of("refresh_token", login.text("refresh_token")));
      assertThat(other.get("/users/me", refreshed.text("access_token")).status()).isEqualTo(200);
      assertThat(other.get("/users/count?role=ADMIN", adminToken(other)).json().path("count")
          .asLong()).isEqualTo(1);
    }
  }

  @Test
  void aProfileChange_showsAtOnceOnEveryInstance_thoughEachCachesTheProfile() {
    try (RunningApp other = secondInstance()) {
      String email = unique("erin");
      String id = app.post("/users", null,
          Map.of("email", email, "password", PASSWORD, "first_name", "Erin")).text("id");
      String phone = app.post("/security/login", null,
          Map.of("email", email, "password", PASSWORD)).text("access_token");
      String laptop = other.post("/security/login", null,
          Map.of("email", email, "password", PASSWORD)).text("access_token");
      for (RunningApp instance : new RunningApp[] {app, other}) {
        for (String session : new String[] {phone, laptop}) {
          assertThat(instance.get("/users/me", session).text("first_name")).isEqualTo("Erin");
        }
      }

      assertThat(app.patch("/users/me", phone, Map.of("first_name", "Eris")).status())
          .isEqualTo(200);
      assertThat(other.patch("/users/" + id, adminToken(other), Map.of("last_name", "Vale"))
          .status()).isEqualTo(200);

      for (RunningApp instance : new RunningApp[] {app, other}) {
        for (String session : new String[] {phone, laptop}) {
          var profile = instance.get("/users/me", session);
          assertThat(profile.text("first_name")).isEqualTo("Eris");
          assertThat(profile.text("last_name")).isEqualTo("Vale");
        }
      }
    }
  }

  @Test
  void listFiltersThatTheDatabaseCannotHold_areInvalidInput_notServerErrors() {
    String admin = adminToken(app);

    assertThat(app.get("/users?email=%00", admin).status()).isEqualTo(400);
    assertThat(app.get("/users/count?created_after=%2B999999999-12-31T23:59:59Z", admin).status())
        .isEqualTo(400);
    assertThat(app.get("/users?created_before=-999999999-01-01T00:00:00Z", admin).status())
        .isEqualTo(400);
  }

  @Test
  void theJwksAndTheOperationalEndpointsAnswer() {
    JsonNode jwks = app.get("/.well-known/jwks.json", null).json();
    assertThat(jwks.path("keys").get(0).path("alg").asText()).isEqualTo("RS256");
    assertThat(app.management("/health/live").status()).isEqualTo(200);
    var ready = app.management("/health/ready");
    assertThat(ready.status()).as(ready.raw().body()).isEqualTo(200);
    assertThat(app.management("/metrics").raw().body()).contains("jvm_memory");
    for (String operational : List.of("/health/live", "/health/ready", "/metrics")) {
      assertThat(app.get(operational, null).status()).as(operational).isEqualTo(404);
    }
    assertThat(app.get("/openapi.json", null).json().path("openapi").asText()).startsWith("3.1");
  }

  @Test
  void neverVerifiedAccounts_arePurgedWithTheirSessions() {
    String email = unique("eve");
    app.post("/users", null, Map.of("email", email, "password", PASSWORD));
    String session = app.post("/security/login", null,
        Map.of("email", email, "password", PASSWORD)).text("access_token");
    String admin = adminToken(app);

    try (RunningApp purging = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "false",
        "UNVERIFIED_ACCOUNT_TTL", "PT1S", "PURGE_INTERVAL", "PT1S"))) {
      Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
      while (app.get("/users/count?email=" + email, admin).json().path("count").asLong() > 0
          && Instant.now().isBefore(giveUp)) {
        RunningApp.pause(Duration.ofMillis(200));
      }
      assertThat(purging.get("/users/count?email=" + email, admin).json().path("count").asLong())
          .isZero();
    }
    assertThat(app.get("/users/me", session).status()).isEqualTo(401);
    assertThat(app.get("/users/me", admin).status()).as("verified accounts stay").isEqualTo(200);
  }

  @Test
  void finding12_aBreachedPasswordIsRefused_andAChangedOneIsNoticedByMail() {
    String email = unique("grace");
    var refused = app.post("/users", null, Map.of("email", email, "password", "Trustno1"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("password");
    assertThat(app.post("/users", null, Map.of("email", email, "password", PASSWORD)).status())
        .isEqualTo(201);
    String access = app.post("/security/login", null,
        Map.of("email", email, "password", PASSWORD)).text("access_token");

    assertThat(app.put("/security/password", access, Map.of("current_password", PASSWORD,
        "new_password", "baseball1")).status()).as("on the bundled list").isEqualTo(400);
    assertThat(app.put("/security/password", access, Map.of("current_password", PASSWORD,
        "new_password", "a fresh and long passphrase")).status()).isEqualTo(204);

    JsonNode notice = app.awaitLatestMail(email, "password was changed");
    assertThat(notice.path("text").asText()).contains("changed")
        .doesNotContain("a fresh and long passphrase").doesNotContain(PASSWORD);
  }

  /** Another instance on the same database and Redis (the fake mail server runs in the first). */
  private static RunningApp secondInstance() {
    return RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "false"));
  }

  static String adminToken(RunningApp instance) {
    var login = instance.post("/security/login", null,
        Map.of("email", "admin@example.com", "password", "first operator passphrase for tests"));
    assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
    return login.text("access_token");
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }
}
