package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What another service sees of the real application: the authorization server metadata names
 * the issuer every access token carries and the JWKS under {@code PUBLIC_URL}, the tokens follow
 * RFC 9068, and a refused token is challenged as RFC 6750 says.
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
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("oauth-metadata")));
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
    }
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

  private static JsonNode part(String token, int index) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
  }
}
