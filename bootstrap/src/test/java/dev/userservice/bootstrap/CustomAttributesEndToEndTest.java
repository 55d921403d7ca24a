package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom attributes over the wire, against PostgreSQL and Redis: an administrator writes a
 * user's {@code app_metadata}, finds the user by one of its members, and the members that
 * {@code APP_METADATA_CLAIMS} names reach the user's access tokens, the change at the next
 * refresh; the user writes their own {@code metadata}; both changes are in the audit trail.
 */
class CustomAttributesEndToEndTest {

  private static final String PASSWORD = "a passphrase of my own";

  @Test
  void appMetadata_isFilteredOn_andItsNamedMembers_travelInTheTokens() throws Exception {
    try (RunningApp app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true",
        "APP_METADATA_CLAIMS", "plan,tenant"))) {
      String admin = EndToEndTest.adminToken(app);
      String email = EndToEndTest.unique("tenant-user");
      String tenant = "acme-" + System.nanoTime();
      String id = app.post("/users", null, Map.of("email", email, "password", PASSWORD))
          .text("id");
      var login = app.post("/security/login", null, Map.of("email", email, "password", PASSWORD));
      assertThat(claims(login.text("access_token")).has("plan")).isFalse();

      var edited = app.patch("/users/" + id, admin, Map.of("app_metadata",
          Map.of("plan", "pro", "tenant", tenant, "seats", 5, "internal", "not for tokens")));
      var ownEdit = app.patch("/users/me", login.text("access_token"),
          Map.of("metadata", Map.of("theme", "dark")));
      var found = app.get("/users?app_metadata%5Btenant%5D=" + tenant, admin);
      var bySeats = app.get("/users/count?app_metadata[seats]=5&app_metadata[tenant]=x", admin);
      var refreshed = app.post("/security/refresh", null,
          Map.of("refresh_token", login.text("refresh_token")));

      assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
      assertThat(ownEdit.status()).as(ownEdit.raw().body()).isEqualTo(200);
      assertThat(found.json().path("items")).singleElement()
          .satisfies(user -> assertThat(user.path("id").asText()).isEqualTo(id));
      assertThat(found.json().path("items").get(0).path("metadata").path("theme").asText())
          .isEqualTo("dark");
      assertThat(bySeats.status()).as("one key at most").isEqualTo(400);
      JsonNode claims = claims(refreshed.text("access_token"));
      assertThat(claims.path("plan").asText()).isEqualTo("pro");
      assertThat(claims.path("tenant").asText()).isEqualTo(tenant);
      assertThat(claims.has("internal")).isFalse();
      assertThat(claims.has("seats")).isFalse();
      assertThat(claims.path("sub").asText()).isEqualTo(id);

      List<String> changed = new ArrayList<>();
      app.get("/audit-events?user_id=" + id + "&type=metadata_changed", admin).json()
          .path("items").forEach(entry -> changed.add(entry.path("details").path("fields")
              .asText()));
      assertThat(changed).containsExactlyInAnyOrder("app_metadata", "metadata");
    }
  }

  private static JsonNode claims(String token) throws Exception {
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }
}
