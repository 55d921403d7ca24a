package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What another service sees of the real application: the authorization server metadata names
 * the issuer every access token carries, the JWKS and the OAuth endpoints under
 * {@code PUBLIC_URL}, the tokens follow RFC 9068, a refused token is challenged as RFC 6750 says,
 * and a registered client gets its own tokens, introspects and revokes users' tokens with
 * PostgreSQL and Redis behind them.
 */
class OAuthMetadataTest {

  private static final String PUBLIC_URL = "https://users.example.com/auth";
  private static final String ADMIN_EMAIL = "admin@example.com";
  private static final String ADMIN_PASSWORD = "first operator passphrase for tests";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningApp app;

  @BeforeAll
  static void start() {
    app = RunningApp.start(Map.of("PUBLIC_URL", PUBLIC_URL + "/",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("oauth-metadata"),
        "REFRESH_REUSE_GRACE", "PT1S"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void metadata_namesTheIssuerOfTheTokens_andTheJwksUnderThePublicUrl() throws IOException {
    String token = adminAccessToken();

    for (String path : List.of("/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration")) {
      RunningApp.Reply metadata = app.get(path, null);
      assertThat(metadata.status()).as(path).isEqualTo(200);
      assertThat(metadata.header("Cache-Control")).as(path).startsWith("public, max-age=");
      assertThat(metadata.text("issuer")).as(path).isEqualTo(PUBLIC_URL)
          .isEqualTo(part(token, 1).get("iss").asText());
      assertThat(metadata.text("jwks_uri")).as(path)
          .isEqualTo(PUBLIC_URL + "/.well-known/jwks.json");
      assertThat(metadata.text("token_endpoint")).as(path).isEqualTo(PUBLIC_URL + "/oauth2/token");
      assertThat(metadata.text("introspection_endpoint")).as(path)
          .isEqualTo(PUBLIC_URL + "/oauth2/introspect");
      assertThat(metadata.text("revocation_endpoint")).as(path)
          .isEqualTo(PUBLIC_URL + "/oauth2/revoke");
      assertThat(JSON.convertValue(metadata.json().get("grant_types_supported"), List.class))
          .as(path).containsExactly("client_credentials", "refresh_token");
      for (String methods : List.of("token_endpoint_auth_methods_supported",
          "introspection_endpoint_auth_methods_supported",
          "revocation_endpoint_auth_methods_supported")) {
        assertThat(JSON.convertValue(metadata.json().get(methods), List.class)).as(methods)
            .containsExactly("client_secret_basic", "client_secret_post");
      }
    }
  }

  @Test
  void registeredClient_getsItsOwnToken_whichIntrospectsUntilTheClientIsDeleted() {
    String admin = adminAccessToken();
    RunningApp.Reply created = app.post("/oauth2/clients", admin,
        Map.of("client_name", "billing", "scope", "invoices:read invoices:write"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.text("client_id");
    Map<String, String> basic = basic(id, created.text("client_secret"));

    RunningApp.Reply token = app.postForm("/oauth2/token",
        Map.of("grant_type", "client_credentials", "scope", "invoices:read"), basic);

    assertThat(token.status()).isEqualTo(200);
    assertThat(token.header("Cache-Control")).isEqualTo("no-store");
    assertThat(token.text("scope")).isEqualTo("invoices:read");
    String clientToken = token.text("access_token");
    assertThat(app.get("/users/me", clientToken).status()).isEqualTo(401);
    RunningApp.Reply active = app.postForm("/oauth2/introspect", Map.of("token", clientToken),
        basic);
    assertThat(active.json().get("active").asBoolean()).isTrue();
    assertThat(active.text("sub")).isEqualTo(id);
    assertThat(active.text("iss")).isEqualTo(PUBLIC_URL);

    assertThat(app.delete("/oauth2/clients/" + id, admin).status()).isEqualTo(204);

    RunningApp.Reply other = registered(admin);
    assertThat(app.postForm("/oauth2/introspect", Map.of("token", clientToken), basic(other))
        .json().get("active").asBoolean()).isFalse();
    assertThat(app.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"), basic)
        .status()).isEqualTo(401);
    RunningApp.Reply trail = app.get("/audit-events?limit=100&type=client_created,"
        + "client_token_issued,client_deleted", admin);
    assertThat(trail.json().get("items").findValuesAsText("type"))
        .contains("client_created", "client_token_issued", "client_deleted");
  }

  @Test
  void introspection_seesLogoutAllAtOnce_andRevocationEndsTheSession() {
    RunningApp.Reply caller = registered(adminAccessToken());
    String user = adminAccessToken();
    RunningApp.Reply introspected = app.postForm("/oauth2/introspect", Map.of("token", user),
        basic(caller));
    assertThat(introspected.json().get("active").asBoolean()).isTrue();
    assertThat(JSON.convertValue(introspected.json().get("roles"), List.class))
        .containsExactly("admin", "user");

    assertThat(app.post("/security/logout-all", user, Map.of()).status()).isEqualTo(204);

    assertThat(app.postForm("/oauth2/introspect", Map.of("token", user), basic(caller)).json())
        .isEqualTo(JSON.createObjectNode().put("active", false));

    RunningApp.Reply login = app.post("/security/login", null,
        Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
    assertThat(app.postForm("/oauth2/revoke", Map.of("token", login.text("refresh_token"),
        "token_type_hint", "refresh_token"), basic(caller)).status()).isEqualTo(200);
    assertThat(app.get("/users/me", login.text("access_token")).status()).isEqualTo(401);
    assertThat(app.postForm("/oauth2/revoke", Map.of("token", login.text("refresh_token")),
        basic(caller)).status()).isEqualTo(200);
  }

  @Test
  void introspection_seesAPasswordChangeAndADeletionAtOnce() {
    String admin = adminAccessToken();
    RunningApp.Reply caller = registered(admin);
    String email = "introspected-" + System.nanoTime() + "@example.com";
    RunningApp.Reply user = app.post("/users", null,
        Map.of("email", email, "password", "a passphrase to change"));
    assertThat(user.status()).isEqualTo(201);
    String first = login(email, "a passphrase to change");
    String second = login(email, "a passphrase to change");
    assertThat(active(caller, first)).isTrue();

    assertThat(app.put("/security/password", second, Map.of("current_password",
        "a passphrase to change", "new_password", "the changed passphrase")).status())
        .isEqualTo(204);

    assertThat(active(caller, first)).isFalse();
    assertThat(active(caller, second)).isTrue();
    assertThat(app.delete("/users/" + user.text("id"), admin).status()).isEqualTo(204);
    assertThat(active(caller, second)).isFalse();
  }

  @Test
  void refreshTokenGrant_rotates_andAReusedTokenEndsTheSession() {
    RunningApp.Reply login = app.post("/security/login", null,
        Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
    String first = login.text("refresh_token");

    RunningApp.Reply refreshed = app.postForm("/oauth2/token", Map.of("grant_type",
        "refresh_token", "refresh_token", first, "client_id", "user-service"), Map.of());

    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.text("token_type")).isEqualTo("Bearer");
    String second = refreshed.text("refresh_token");
    assertThat(second).isNotEqualTo(first);
    RunningApp.pause(Duration.ofMillis(1500)); // beyond REFRESH_REUSE_GRACE
    RunningApp.Reply reused = app.postForm("/oauth2/token", Map.of("grant_type",
        "refresh_token", "refresh_token", first), Map.of());
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.text("error")).isEqualTo("invalid_grant");
    assertThat(app.postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
        "refresh_token", second), Map.of()).text("error")).isEqualTo("invalid_grant");
  }

  @Test
  void accessTokens_followRfc9068() throws IOException {
    String token = adminAccessToken();

    assertThat(part(token, 0).get("typ").asText()).isEqualTo("at+jwt");
    JsonNode claims = part(token, 1);
    assertThat(claims.get("client_id").asText()).isEqualTo("user-service");
    assertThat(claims.get("scope").asText()).isEqualTo("user-service");
    assertThat(claims.get("role").asText()).isEqualTo("ADMIN");
    assertThat(JSON.convertValue(claims.get("roles"), List.class))
        .containsExactly("admin", "user");
    assertThat(app.get("/users/me", token).status()).isEqualTo(200);
  }

  @Test
  void tokenOfAnEndedSession_isChallengedAsInvalid_noTokenWithoutAnError() {
    String token = adminAccessToken();
    assertThat(app.post("/security/logout-all", token, Map.of()).status()).isEqualTo(204);

    RunningApp.Reply ended = app.get("/users/me", token);
    RunningApp.Reply none = app.get("/users/me", null);

    assertThat(ended.status()).isEqualTo(401);
    assertThat(ended.header("WWW-Authenticate"))
        .startsWith("Bearer realm=\"user-service\", error=\"invalid_token\", error_description=");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"user-service\"");
  }

  private static String adminAccessToken() {
    RunningApp.Reply login = app.post("/security/login", null,
        Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
    assertThat(login.status()).isEqualTo(200);
    return login.text("access_token");
  }

  private static String login(String email, String password) {
    RunningApp.Reply login = app.post("/security/login", null,
        Map.of("email", email, "password", password));
    assertThat(login.status()).isEqualTo(200);
    return login.text("access_token");
  }

  private static boolean active(RunningApp.Reply caller, String token) {
    RunningApp.Reply reply = app.postForm("/oauth2/introspect", Map.of("token", token),
        basic(caller));
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().get("active").asBoolean();
  }

  private static RunningApp.Reply registered(String adminToken) {
    RunningApp.Reply created = app.post("/oauth2/clients", adminToken,
        Map.of("client_name", "resource server"));
    assertThat(created.status()).isEqualTo(201);
    return created;
  }

  private static Map<String, String> basic(RunningApp.Reply created) {
    return basic(created.text("client_id"), created.text("client_secret"));
  }

  /** client_secret_basic (RFC 6749 §2.3.1): the ids here need no form-encoding. */
  private static Map<String, String> basic(String id, String secret) {
    return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
        (id + ":" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode part(String token, int index) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
  }
}
