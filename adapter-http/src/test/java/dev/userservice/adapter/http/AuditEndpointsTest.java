package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /audit-events} and {@code GET /users/me/events}: who may read them, what they show,
 * and that bad filters are a 400 problem naming the parameter. (Filters and paging against
 * PostgreSQL: the audit trail contract, and bootstrap's end-to-end test.)
 */
class AuditEndpointsTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  @Test
  void anAdministrator_seesEveryEvent_withWhoAndFromWhere_filteredByAccountAndType() {
    Account admin = app.admin();
    Account ada = app.user();
    app.sendWith("POST", "/security/login", Map.of("Content-Type", "application/json",
        "User-Agent", "probe/1.0",
        "X-Forwarded-For", "203.0.113.5", "X-Request-Id", "audit-probe-1"),
        app.jsonOf("email", ada.email(), "password", "wrong password!"));

    Reply reply = app.get("/audit-events?user_id=" + ada.id() + "&type=login_failed",
        admin.accessToken());

    assertThat(reply.status()).isEqualTo(200);
    JsonNode items = reply.json().get("items");
    assertThat(items).hasSize(1);
    JsonNode failed = items.get(0);
    assertThat(failed.get("type").asText()).isEqualTo("login_failed");
    assertThat(failed.get("user_id").asText()).isEqualTo(ada.id().toString());
    assertThat(failed.get("actor").asText()).isEqualTo("anonymous");
    assertThat(failed.get("actor_id").isNull()).isTrue();
    assertThat(failed.get("client_address").asText()).isEqualTo("203.0.113.5");
    assertThat(failed.get("user_agent").asText()).isEqualTo("probe/1.0");
    assertThat(failed.get("request_id").asText()).isEqualTo("audit-probe-1");
    assertThat(failed.get("details").get("reason").asText()).isEqualTo("wrong_password");
    assertThat(reply.json().get("next_cursor").isNull()).isTrue();
  }

  @Test
  void pages_ofTheTrail_followEachOther() {
    Account admin = app.admin();
    Account bob = app.user();
    for (int i = 0; i < 4; i++) {
      app.login(bob.id(), bob.email(), TestApi.PASSWORD);
    }

    Set<Long> seen = new HashSet<>();
    List<String> types = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply page = app.get("/audit-events?user_id=" + bob.id() + "&limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor), admin.accessToken());
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(item -> {
        assertThat(seen.add(item.get("id").asLong())).isTrue();
        types.add(item.get("type").asText());
      });
      cursor = page.json().get("next_cursor").isNull() ? null
          : page.json().get("next_cursor").asText();
      pages++;
    } while (cursor != null);

    assertThat(types).hasSize(5).containsOnly("login_succeeded");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void badFilters_areA400Problem_namingEachParameter() {
    Account admin = app.admin();

    Reply reply = app.get("/audit-events?user_id=nope&type=login_failed,bogus&limit=0"
        + "&created_after=yesterday&color=red&cursor=zzz", admin.accessToken());

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    reply.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
    assertThat(fields).contains("user_id", "type", "limit", "created_after", "color");

    assertThat(app.get("/audit-events?cursor=zzz", admin.accessToken()).status()).isEqualTo(400);
    assertThat(app.get("/audit-events?created_after=2030-01-02T00:00:00Z"
        + "&created_before=2030-01-01T00:00:00Z", admin.accessToken()).status()).isEqualTo(400);
    assertThat(app.get("/audit-events?user_id=" + admin.id() + "&user_id=" + admin.id(),
        admin.accessToken()).status()).isEqualTo(400);
    assertThat(app.get("/users/me/events?limit=101", admin.accessToken()).status())
        .isEqualTo(400);
    assertThat(app.get("/users/me/events?type=login_failed", admin.accessToken()).status())
        .isEqualTo(400);
  }

  @Test
  void aUser_seesTheirOwnSecurityActivity_withoutTheAdministratorsId_andNothingOfOthers() {
    Account admin = app.admin();
    Account ada = app.user();
    Account bob = app.user();
    app.send("POST", "/security/login", null,
        app.jsonOf("email", bob.email(), "password", "wrong password!"));
    app.send("PATCH", "/users/" + ada.id(), admin.accessToken(),
        app.jsonOf("role", "ADMIN"));

    Reply reply = app.get("/users/me/events", bob.accessToken());

    assertThat(reply.status()).isEqualTo(200);
    List<String> types = new ArrayList<>();
    reply.json().get("items").forEach(item -> types.add(item.get("type").asText()));
    assertThat(types).containsExactly("login_failed", "login_succeeded");
    assertThat(reply.json().get("items").get(0).has("actor_id")).isFalse();
    assertThat(reply.json().get("items").get(0).has("request_id")).isFalse();

    Reply adas = app.get("/users/me/events", app.login(ada.id(), ada.email(),
        TestApi.PASSWORD).accessToken());
    JsonNode roleChanged = adas.json().get("items").get(1);
    assertThat(roleChanged.get("type").asText()).isEqualTo("role_changed");
    assertThat(roleChanged.get("actor").asText()).isEqualTo("admin");
    assertThat(roleChanged.has("actor_id")).isFalse();
  }

  @Test
  void onlyAdministrators_readTheTrail() {
    Account ada = app.user();

    assertThat(app.get("/audit-events", null).status()).isEqualTo(401);
    Reply forbidden = app.get("/audit-events", ada.accessToken());
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.header("Content-Type")).startsWith("application/problem+json");
    assertThat(app.get("/users/me/events", null).status()).isEqualTo(401);
  }
}
