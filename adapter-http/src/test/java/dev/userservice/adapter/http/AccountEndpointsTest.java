package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions, suspension, self-service deletion and export over HTTP (issue 24); the same against
 * PostgreSQL and Redis end to end is bootstrap's {@code AccountControlEndToEndTest}.
 */
class AccountEndpointsTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  private static Reply asPhone(String method, String path, Account account, String address) {
    return app.sendWith(method, path, Map.of("Authorization", "Bearer " + account.accessToken(),
        "User-Agent", "Phone/1.0", "X-Forwarded-For", address), null);
  }

  private static List<String> sessionIds(Reply reply) {
    List<String> ids = new ArrayList<>();
    reply.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  @Test
  void ownSessions_markTheCurrentOne_andEndingOneLeavesTheOthersAlive() {
    Account laptop = app.user();
    Account phone = app.login(laptop.id(), laptop.email(), TestApi.PASSWORD);

    Reply list = asPhone("GET", "/users/me/sessions", phone, "203.0.113.9");

    assertThat(list.status()).isEqualTo(200);
    assertThat(sessionIds(list)).containsExactlyInAnyOrder(laptop.sessionId(), phone.sessionId());
    for (JsonNode session : list.json().get("items")) {
      assertThat(session.get("current").asBoolean())
          .isEqualTo(session.get("id").asText().equals(phone.sessionId()));
      assertThat(session.has("created_at") && session.has("last_refreshed_at")
          && session.has("expires_at") && session.has("client_address")
          && session.has("user_agent")).isTrue();
    }
    assertThat(list.body()).doesNotContain(phone.refreshToken().split("\\.")[3]);

    Reply ended = app.send("DELETE", "/users/me/sessions/" + phone.sessionId(),
        laptop.accessToken(), null);

    assertThat(ended.status()).isEqualTo(204);
    assertThat(app.get("/users/me", phone.accessToken()).status()).isEqualTo(401);
    assertThat(app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", phone.refreshToken())).status()).isEqualTo(401);
    assertThat(app.get("/users/me", laptop.accessToken()).status()).isEqualTo(200);
    assertThat(sessionIds(app.get("/users/me/sessions", laptop.accessToken())))
        .containsExactly(laptop.sessionId());
    assertThat(app.send("DELETE", "/users/me/sessions/" + phone.sessionId(),
        laptop.accessToken(), null).status()).isEqualTo(404);
    assertThat(app.send("DELETE", "/users/me/sessions/not-a-session", laptop.accessToken(), null)
        .status()).isEqualTo(400);
  }

  @Test
  void theSessionList_showsTheAgentAndAddressOfTheLogin() {
    Account user = app.user();
    Reply login = app.sendWith("POST", "/security/login", Map.of("Content-Type",
        "application/json", "User-Agent", "Phone/2.0", "X-Forwarded-For", "2001:db8::42"),
        app.jsonOf("email", user.email(), "password", TestApi.PASSWORD));
    assertThat(login.status()).isEqualTo(200);

    JsonNode phone = null;
    for (JsonNode session : app.get("/users/me/sessions", user.accessToken()).json()
        .get("items")) {
      if (!session.get("id").asText().equals(user.sessionId())) {
        phone = session;
      }
    }

    assertThat(phone).isNotNull();
    assertThat(phone.get("user_agent").asText()).isEqualTo("Phone/2.0");
    // As TrustedProxies writes addresses (InetAddress#getHostAddress).
    assertThat(phone.get("client_address").asText()).isEqualTo("2001:db8:0:0:0:0:0:42");
    assertThat(phone.get("current").asBoolean()).isFalse();
  }

  @Test
  void anotherUsersSessions_areAnAdministratorsToSeeAndEnd() {
    Account admin = app.admin();
    Account user = app.user();
    Account other = app.user();

    assertThat(app.get("/users/" + user.id() + "/sessions", other.accessToken()).status())
        .isEqualTo(403);
    assertThat(app.send("DELETE", "/users/" + user.id() + "/sessions/" + user.sessionId(),
        other.accessToken(), null).status()).isEqualTo(403);
    assertThat(app.get("/users/" + UUID.randomUUID() + "/sessions", admin.accessToken())
        .status()).isEqualTo(404);
    assertThat(app.get("/users/not-a-uuid/sessions", admin.accessToken()).status())
        .isEqualTo(400);
    assertThat(sessionIds(app.get("/users/" + user.id() + "/sessions", admin.accessToken())))
        .containsExactly(user.sessionId());
    assertThat(app.send("DELETE", "/users/" + user.id() + "/sessions/" + other.sessionId(),
        admin.accessToken(), null).status()).as("another user's session").isEqualTo(404);
    assertThat(app.send("DELETE", "/users/" + user.id() + "/sessions/x",
        admin.accessToken(), null).status()).isEqualTo(400);

    assertThat(app.send("DELETE", "/users/" + user.id() + "/sessions/" + user.sessionId(),
        admin.accessToken(), null).status()).isEqualTo(204);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
    assertThat(app.get("/users/me", other.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void endingSessions_isThrottledPerAddress() {
    Account user = app.user();
    int limit = app.policy.throttling().requestsPerAddressPerMinute();
    Reply last = null;
    for (int i = 0; i <= limit; i++) {
      last = asPhone("DELETE", "/users/me/sessions/" + RouteSamples.NO_SESSION, user,
          "192.0.2.77");
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotNull();
    assertThat(asPhone("DELETE", "/users/" + user.id() + "/sessions/" + user.sessionId(),
        app.admin(), "192.0.2.77").status()).as("an administrator from that address")
        .isEqualTo(429);
  }

  @Test
  void disabling_endsTheSessions_andTheLoginAnswersAsForAWrongPassword() {
    Account admin = app.admin();
    Account user = app.user();

    Reply disabled = app.send("PATCH", "/users/" + user.id(), admin.accessToken(),
        app.jsonOf("status", "disabled", "reason", "chargeback"));

    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");
    assertThat(disabled.json().get("status_reason").asText()).isEqualTo("chargeback");
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
    Reply right = app.send("POST", "/security/login", null,
        app.jsonOf("email", user.email(), "password", TestApi.PASSWORD));
    Reply wrong = app.send("POST", "/security/login", null,
        app.jsonOf("email", user.email(), "password", "a wrong password"));
    assertThat(right.status()).isEqualTo(401);
    for (String field : List.of("type", "title", "status", "detail")) {
      assertThat(right.json().get(field)).as(field).isEqualTo(wrong.json().get(field));
    }
    assertThat(right.header("WWW-Authenticate")).isEqualTo(wrong.header("WWW-Authenticate"));
    assertThat(app.get("/users?status=disabled&limit=100", admin.accessToken()).body())
        .contains(user.id().toString());
    assertThat(app.get("/users/count?status=DISABLED", admin.accessToken()).json()
        .get("count").asLong()).isPositive();
    assertThat(app.get("/users?status=gone", admin.accessToken()).status()).isEqualTo(400);

    Reply enabled = app.send("PATCH", "/users/" + user.id(), admin.accessToken(),
        app.jsonOf("status", "active"));
    assertThat(enabled.json().get("status_reason").isNull()).isTrue();
    assertThat(app.get("/users/me", user.accessToken()).status()).as("no session revived")
        .isEqualTo(401);
    assertThat(app.send("POST", "/security/login", null,
        app.jsonOf("email", user.email(), "password", TestApi.PASSWORD)).status())
        .isEqualTo(200);
  }

  @Test
  void onlyAdministratorsSetAStatus_andAReasonNeedsADisabledStatus() {
    Account admin = app.admin();
    Account user = app.user();

    assertThat(app.send("PATCH", "/users/me", user.accessToken(),
        app.jsonOf("status", "disabled")).status()).isEqualTo(403);
    assertThat(app.send("PATCH", "/users/" + user.id(), admin.accessToken(),
        app.jsonOf("status", "active", "reason", "why")).status()).isEqualTo(400);
    assertThat(app.send("PATCH", "/users/" + user.id(), admin.accessToken(),
        app.jsonOf("status", "frozen", "reason", "x".repeat(201))).json().toString())
        .contains("\"status\"").contains("\"reason\"");
  }

  @Test
  void deletingOneself_needsThePassword_andEndsEverything() {
    Account user = app.user();
    Account other = app.login(user.id(), user.email(), TestApi.PASSWORD);

    assertThat(app.send("DELETE", "/users/me", user.accessToken(), "{}").status())
        .isEqualTo(400);
    assertThat(app.send("DELETE", "/users/me", user.accessToken(),
        app.jsonOf("current_password", "a wrong password")).status()).isEqualTo(400);
    Reply deleted = app.send("DELETE", "/users/me", user.accessToken(),
        app.jsonOf("current_password", TestApi.PASSWORD));

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(app.get("/users/me", other.accessToken()).status()).isEqualTo(401);
    assertThat(app.send("POST", "/security/login", null,
        app.jsonOf("email", user.email(), "password", TestApi.PASSWORD)).status())
        .isEqualTo(401);
    assertThat(app.latestMail(user.email()).orElseThrow().subject())
        .endsWith("account was deleted");
  }

  @Test
  void wrongPasswordsForADeletion_areThrottledLikeLogins() {
    Account user = app.user();
    Reply last = null;
    for (int i = 0; i <= app.policy.throttling().loginFailuresPerAccount(); i++) {
      last = app.send("DELETE", "/users/me", user.accessToken(),
          app.jsonOf("current_password", "a wrong password"));
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void export_isAnAttachmentOfProfileSessionsAndEvents_withoutSecrets_throttledPerAccount() {
    Account user = app.user();

    Reply export = app.get("/users/me/export", user.accessToken());

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Disposition")).startsWith("attachment");
    JsonNode body = export.json();
    assertThat(body.get("user").get("id").asText()).isEqualTo(user.id().toString());
    assertThat(sessionIds(new Reply(200, export.headers(), "",
        app.json.createObjectNode().set("items", body.get("sessions")))))
        .containsExactly(user.sessionId());
    assertThat(body.get("events").toString()).contains("login_succeeded");
    assertThat(body.get("events_truncated").asBoolean()).isFalse();
    assertThat(export.body()).doesNotContain("argon2").doesNotContain("password_hash")
        .doesNotContain(TestApi.PASSWORD).doesNotContain(user.refreshToken().split("\\.")[3])
        .doesNotContain(user.accessToken());

    Reply last = export;
    for (int i = 0; i < 5; i++) {
      last = app.get("/users/me/export", user.accessToken());
    }
    assertThat(last.status()).isEqualTo(429);
  }
}
