package dev.userservice.adapter.http;

import static dev.userservice.adapter.http.TestApi.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import dev.userservice.application.RegisterClient;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OAuth 2.0 endpoints as their RFCs say: the token endpoint (RFC 6749 §4.4, §5, §6), token
 * introspection (RFC 7662), revocation (RFC 7009), client authentication (§2.3.1), and the
 * administrators' client registry.
 */
class OAuthEndpointsTest {

  private static final String BASIC_CHALLENGE = "Basic realm=\"user-service\", charset=\"UTF-8\"";

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  // --- client_credentials and client authentication ---------------------------------------------

  @Test
  void clientCredentials_withBasic_issuesAShortLivedTokenForTheClient_neverCached() {
    RegisterClient.Registered client = app.client("reports:read metrics:write");

    Reply reply = token(basic(client), "grant_type", "client_credentials");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(reply.header("Pragma")).isEqualTo("no-cache");
    assertThat(reply.json().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(reply.json().get("expires_in").asLong()).isEqualTo(900);
    assertThat(reply.json().get("scope").asText()).isEqualTo("metrics:write reports:read");
    assertThat(reply.json().has("refresh_token")).isFalse();
    JsonNode claims = claims(reply.json().get("access_token").asText());
    assertThat(claims.get("sub").asText()).isEqualTo(client.client().id().value());
    assertThat(claims.get("client_id").asText()).isEqualTo(client.client().id().value());
    assertThat(claims.get("scope").asText()).isEqualTo("metrics:write reports:read");
    assertThat(claims.has("roles")).isFalse();
    assertThat(claims.has("role")).isFalse();
    assertThat(claims.has("sid")).isFalse();
  }

  @Test
  void clientsOwnToken_isNoUsersToken_forTheUserEndpoints() {
    RegisterClient.Registered client = app.client("reports:read");
    String token = token(post(client), "grant_type", "client_credentials").json()
        .get("access_token").asText();

    Reply me = app.get("/users/me", token);

    assertThat(me.status()).isEqualTo(401);
    assertThat(me.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    assertThat(app.send("POST", "/security/logout-all", token, null).status()).isEqualTo(401);
  }

  @Test
  void clientCredentials_withPostedSecret_andASubsetOfItsScopes_grantsThatSubset() {
    RegisterClient.Registered client = app.client("a b c");

    Reply reply = token(post(client), "grant_type", "client_credentials", "scope", "c a");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("scope").asText()).isEqualTo("a c");
  }

  @Test
  void scopeNotAllowed_orMalformed_isInvalidScope() {
    RegisterClient.Registered client = app.client("a");

    assertError(token(post(client), "grant_type", "client_credentials", "scope", "a b"), 400,
        "invalid_scope");
    assertError(token(post(client), "grant_type", "client_credentials", "scope", "a  b"), 400,
        "invalid_scope");
    assertError(token(post(client), "grant_type", "client_credentials", "scope",
        "user-service"), 400, "invalid_scope");
  }

  @Test
  void wrongSecret_unknownClient_andNoAuthentication_areInvalidClient_alike() {
    RegisterClient.Registered client = app.client("a");
    String id = client.client().id().value();

    Reply wrongBasic = token(basicOf(id, "not-the-secret"), "grant_type", "client_credentials");
    Reply wrongPost = token(List.of("client_id", id, "client_secret", "not-the-secret"),
        "grant_type", "client_credentials");
    Reply unknown = token(basicOf("no-such-client", "whatever"), "grant_type",
        "client_credentials");
    Reply none = token(List.of(), "grant_type", "client_credentials");
    Reply malformedBasic = app.postForm("/oauth2/token", form("grant_type",
        "client_credentials"), Map.of("Authorization", "Basic not base64!"));

    for (Reply reply : List.of(wrongBasic, wrongPost, unknown, none, malformedBasic)) {
      assertError(reply, 401, "invalid_client");
      assertThat(reply.header("WWW-Authenticate")).isEqualTo(BASIC_CHALLENGE);
    }
    assertThat(wrongBasic.json().get("error_description"))
        .isEqualTo(unknown.json().get("error_description"));
  }

  @Test
  void basicAndPostedSecretAtOnce_isInvalidRequest() {
    RegisterClient.Registered client = app.client("a");
    List<String> both = Stream.concat(basic(client).stream(), post(client).stream()).toList();

    assertError(token(both, "grant_type", "client_credentials"), 400, "invalid_request");
  }

  @Test
  void malformedRequests_areInvalidRequest_andUnknownGrantsUnsupported() {
    RegisterClient.Registered client = app.client("a");

    assertError(token(post(client)), 400, "invalid_request");
    assertError(app.postForm("/oauth2/token", form("grant_type", "client_credentials",
        "grant_type", "client_credentials", "client_id", client.client().id().value(),
        "client_secret", client.secret()), Map.of()), 400, "invalid_request");
    assertError(app.postForm("/oauth2/token", "grant_type=%zz", Map.of()), 400,
        "invalid_request");
    assertThat(app.send("POST", "/oauth2/token", null,
        app.jsonOf("grant_type", "client_credentials")).status()).isEqualTo(415);
    assertError(token(post(client), "grant_type", "password", "username", "a", "password", "b"),
        400, "unsupported_grant_type");
  }

  @Test
  void failedClientAuthentications_areThrottledLikeFailedLogins_onEveryEndpoint() {
    for (String path : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
      RegisterClient.Registered client = app.client("a");
      String id = client.client().id().value();
      String body = form("grant_type", "client_credentials", "token", "x");
      for (int i = 0; i < app.policy.throttling().loginFailuresPerAccount(); i++) {
        assertError(app.postForm(path, body, basicHeader(id, "wrong")), 401, "invalid_client");
      }

      Reply throttled = app.postForm(path, body, basicHeader(id, "wrong again"));

      assertThat(throttled.status()).as(path).isEqualTo(429);
      assertThat(throttled.header("Retry-After")).as(path).isNotNull();
      assertThat(app.postForm(path, body, basicHeader(id, client.secret())).status()).as(path)
          .isIn(200, 400);
    }
  }

  @Test
  void manyIntrospectionsAtOnce_areNeverThrottled() throws Exception {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");
    String address = "198.51.100.77";
    Map<String, String> headers = new HashMap<>(basicHeader(caller));
    headers.put("X-Forwarded-For", address);
    int concurrent = 3 * app.policy.throttling().loginFailuresPerAccount();
    ExecutorService pool = Executors.newFixedThreadPool(concurrent);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < concurrent; i++) {
        replies.add(pool.submit(() -> app.postForm("/oauth2/introspect",
            form("token", user.accessToken()), headers)));
      }
      for (Future<Reply> reply : replies) {
        assertThat(reply.get().status()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theEndpoints_answer503_whileTheDatabaseIsDown() {
    RegisterClient.Registered client = app.client("a");
    app.databaseDown(true);
    try {
      for (String path : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
        Reply reply = app.postForm(path, form("grant_type", "client_credentials", "token", "x"),
            basicHeader(client.client().id().value(), client.secret()));
        assertThat(reply.status()).as(path).isEqualTo(503);
      }
    } finally {
      app.databaseDown(false);
    }
  }

  // --- refresh_token -----------------------------------------------------------------------------

  @Test
  void refreshToken_rotates_inTheRfc6749Shape() {
    Account user = app.user();

    Reply reply = token(List.of("client_id", "user-service"), "grant_type", "refresh_token",
        "refresh_token", user.refreshToken());

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(reply.json().get("expires_in").asLong()).isEqualTo(900);
    assertThat(reply.json().get("scope").asText()).isEqualTo("user-service");
    String rotated = reply.json().get("refresh_token").asText();
    assertThat(rotated).isNotEqualTo(user.refreshToken());
    assertThat(app.get("/users/me", reply.json().get("access_token").asText()).status())
        .isEqualTo(200);
    assertThat(token(List.of(), "grant_type", "refresh_token", "refresh_token", rotated)
        .status()).isEqualTo(200);
  }

  @Test
  void reusedRefreshToken_isInvalidGrant_andEndsTheSession() {
    Account user = app.user();
    String next = token(List.of(), "grant_type", "refresh_token", "refresh_token",
        user.refreshToken()).json().get("refresh_token").asText();
    app.clock.advance(Duration.ofSeconds(11)); // beyond the racing-refresh grace window

    assertError(token(List.of(), "grant_type", "refresh_token", "refresh_token",
        user.refreshToken()), 400, "invalid_grant");

    assertError(token(List.of(), "grant_type", "refresh_token", "refresh_token", next), 400,
        "invalid_grant");
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void refreshToken_errors() {
    Account user = app.user();
    RegisterClient.Registered client = app.client("a");

    assertError(token(List.of(), "grant_type", "refresh_token"), 400, "invalid_request");
    assertError(token(List.of(), "grant_type", "refresh_token", "refresh_token", "forged"), 400,
        "invalid_grant");
    assertError(token(List.of(), "grant_type", "refresh_token", "refresh_token",
        user.refreshToken(), "scope", "admin"), 400, "invalid_scope");
    assertError(token(List.of("client_id", "someone-else"), "grant_type", "refresh_token",
        "refresh_token", user.refreshToken()), 401, "invalid_client");
    assertError(token(basic(client), "grant_type", "refresh_token", "refresh_token",
        user.refreshToken()), 400, "unauthorized_client");
    // None of these refused requests used the token up.
    assertThat(token(List.of(), "grant_type", "refresh_token", "refresh_token",
        user.refreshToken()).status()).isEqualTo(200);
  }

  // --- introspection ------------------------------------------------------------------------------

  @Test
  void activeUserToken_introspectsWithItsClaimsAndRoles() {
    Account admin = app.admin();
    RegisterClient.Registered caller = app.client("a");

    JsonNode answer = introspect(caller, admin.accessToken());

    JsonNode claims = claims(admin.accessToken());
    assertThat(answer.get("active").asBoolean()).isTrue();
    assertThat(answer.get("sub").asText()).isEqualTo(admin.id().toString());
    assertThat(answer.get("client_id").asText()).isEqualTo("user-service");
    assertThat(answer.get("scope").asText()).isEqualTo("user-service");
    assertThat(answer.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(answer.get("exp").asLong()).isEqualTo(claims.get("exp").asLong());
    assertThat(answer.get("iat").asLong()).isEqualTo(claims.get("iat").asLong());
    assertThat(answer.get("iss").asText()).isEqualTo(claims.get("iss").asText());
    assertThat(answer.get("aud").asText()).isEqualTo(claims.get("aud").asText());
    assertThat(answer.get("sid").asText()).isEqualTo(claims.get("sid").asText());
    assertThat(app.json.convertValue(answer.get("roles"), List.class))
        .containsExactly("admin", "user");
  }

  @Test
  void tokenOfAnEndedSession_isInactive_beforeItExpires() {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");
    assertThat(introspect(caller, user.accessToken()).get("active").asBoolean()).isTrue();

    assertThat(app.send("POST", "/security/logout-all", user.accessToken(), null).status())
        .isEqualTo(204);

    assertThat(introspect(caller, user.accessToken())).isEqualTo(inactive());
  }

  @Test
  void expiredForgedAndUnknownTokens_andRefreshTokens_areInactive() {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");
    JsonNode claims = claims(user.accessToken());
    String expired = app.accessTokens.issue(new AccessTokens.Claims(user.id(),
        new SessionId(claims.get("sid").asText()), Role.USER, true),
        app.clock.now().minus(Duration.ofHours(1))).token();
    String[] parts = user.accessToken().split("\\.");
    String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

    for (String token : List.of(expired, forged, "not-a-token", user.refreshToken())) {
      assertThat(introspect(caller, token)).as(token).isEqualTo(inactive());
    }
  }

  @Test
  void clientsOwnToken_isActiveUntilTheClientIsDeleted() {
    Account admin = app.admin();
    RegisterClient.Registered client = app.client("reports:read");
    RegisterClient.Registered caller = app.client("a");
    String token = token(post(client), "grant_type", "client_credentials").json()
        .get("access_token").asText();

    JsonNode active = introspect(caller, token);
    assertThat(active.get("active").asBoolean()).isTrue();
    assertThat(active.get("sub").asText()).isEqualTo(client.client().id().value());
    assertThat(active.get("client_id").asText()).isEqualTo(client.client().id().value());
    assertThat(active.get("scope").asText()).isEqualTo("reports:read");
    assertThat(active.has("roles")).isFalse();

    assertThat(app.send("DELETE", "/oauth2/clients/" + client.client().id(), admin.accessToken(),
        null).status()).isEqualTo(204);

    assertThat(introspect(caller, token)).isEqualTo(inactive());
  }

  @Test
  void introspection_needsAnAuthenticatedCaller_andAToken() {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");

    assertError(app.postForm("/oauth2/introspect", form("token", user.accessToken()), Map.of()),
        401, "invalid_client");
    assertError(app.postForm("/oauth2/introspect", form("token", user.accessToken()),
        basicHeader(caller.client().id().value(), "wrong")), 401, "invalid_client");
    assertError(app.postForm("/oauth2/introspect", "", basicHeader(caller)), 400,
        "invalid_request");
  }

  // --- revocation ---------------------------------------------------------------------------------

  @Test
  void revokingARefreshToken_endsItsSession_andRepeatingItIsFine() {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");

    Reply first = revoke(caller, "token", user.refreshToken(), "token_type_hint",
        "refresh_token");
    Reply again = revoke(caller, "token", user.refreshToken());

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
    assertError(token(List.of(), "grant_type", "refresh_token", "refresh_token",
        user.refreshToken()), 400, "invalid_grant");
  }

  @Test
  void revokingAnAccessToken_endsItsSession_evenWithTheWrongHint() {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");

    Reply reply = revoke(caller, "token", user.accessToken(), "token_type_hint",
        "refresh_token");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
    assertThat(introspect(caller, user.accessToken())).isEqualTo(inactive());
    assertThat(revoke(caller, "token", user.accessToken(), "token_type_hint", "access_token")
        .status()).isEqualTo(200);
  }

  @Test
  void revokingARefreshToken_withTheAccessTokenHint_stillRevokesIt() {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");

    assertThat(revoke(caller, "token", user.refreshToken(), "token_type_hint", "access_token")
        .status()).isEqualTo(200);

    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void unknownAndInvalidTokens_answer200_andChangeNothing() {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");
    String[] parts = user.refreshToken().split("\\.");
    String sameSessionOtherSecret = parts[0] + "." + parts[1] + "." + parts[2] + "."
        + "A".repeat(43);

    for (String token : List.of("garbage", sameSessionOtherSecret, "a.b.c")) {
      assertThat(revoke(caller, "token", token).status()).as(token).isEqualTo(200);
    }
    assertThat(revoke(caller, "token", "garbage", "token_type_hint", "unknown_type").status())
        .isEqualTo(200);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void clientsOwnToken_cannotBeRevokedAlone() {
    RegisterClient.Registered client = app.client("a");
    String token = token(post(client), "grant_type", "client_credentials").json()
        .get("access_token").asText();

    assertError(revoke(client, "token", token), 400, "unsupported_token_type");
  }

  @Test
  void revocation_needsAnAuthenticatedCaller_andAToken() {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");

    assertError(app.postForm("/oauth2/revoke", form("token", user.refreshToken()), Map.of()),
        401, "invalid_client");
    assertError(revoke(caller), 400, "invalid_request");
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void revocationAndClientTokens_areInTheAuditTrail() {
    Account user = app.user();
    RegisterClient.Registered caller = app.client("a");
    token(post(caller), "grant_type", "client_credentials");
    revoke(caller, "token", user.refreshToken());

    List<AuditEntry> entries = app.auditTrail.list(new AuditFilter(null, null,
        Set.of(EventType.TOKEN_REVOKED, EventType.CLIENT_TOKEN_ISSUED), null, null),
        null, 100).items();

    assertThat(entries).anySatisfy(entry -> {
      assertThat(entry.type()).isEqualTo(EventType.TOKEN_REVOKED);
      assertThat(entry.subject()).isEqualTo(user.id());
      assertThat(entry.details()).containsEntry("client_id", caller.client().id().value())
          .containsEntry("token_type", "refresh_token");
    });
    assertThat(entries).anySatisfy(entry -> {
      assertThat(entry.type()).isEqualTo(EventType.CLIENT_TOKEN_ISSUED);
      assertThat(entry.actor().kind().wireName()).isEqualTo("client");
      assertThat(entry.details()).containsEntry("client_id", caller.client().id().value());
    });
  }

  // --- the client registry ------------------------------------------------------------------------

  @Test
  void registeredClient_showsItsSecretOnce_andWorksAtOnce() {
    Account admin = app.admin();

    Reply created = app.send("POST", "/oauth2/clients", admin.accessToken(),
        app.jsonOf("client_name", "nightly export", "scope", "reports:read exports:write"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("client_id").asText();
    String secret = created.json().get("client_secret").asText();
    assertThat(created.header("Location")).isEqualTo("/oauth2/clients/" + id);
    assertThat(created.json().get("client_secret_expires_at").asLong()).isZero();
    assertThat(created.json().get("client_name").asText()).isEqualTo("nightly export");
    assertThat(created.json().get("scope").asText()).isEqualTo("exports:write reports:read");
    assertThat(created.json().get("created_by").asText()).isEqualTo(admin.id().toString());
    assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

    Reply read = app.get("/oauth2/clients/" + id, admin.accessToken());
    Reply listed = app.get("/oauth2/clients", admin.accessToken());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).doesNotContain(secret).doesNotContain("\"client_secret\"");
    assertThat(listed.body()).contains(id).doesNotContain(secret);
    assertThat(listed.json().get("items").findValuesAsText("client_id")).contains(id);
    assertThat(token(basicOf(id, secret), "grant_type", "client_credentials").status())
        .isEqualTo(200);
    assertThat(app.auditTrail.list(new AuditFilter(null, null,
        Set.of(EventType.CLIENT_CREATED), null, null), null, 100).items())
        .anySatisfy(entry -> assertThat(entry.details()).containsEntry("client_id", id));
  }

  @Test
  void deletedClient_cannotAuthenticate_andIsGone() {
    Account admin = app.admin();
    RegisterClient.Registered client = app.client("a");
    String path = "/oauth2/clients/" + client.client().id();

    assertThat(app.send("DELETE", path, admin.accessToken(), null).status()).isEqualTo(204);

    assertThat(app.get(path, admin.accessToken()).status()).isEqualTo(404);
    assertThat(app.send("DELETE", path, admin.accessToken(), null).status()).isEqualTo(404);
    assertError(token(basic(client), "grant_type", "client_credentials"), 401, "invalid_client");
    assertThat(app.get("/oauth2/clients/user-service", admin.accessToken()).status())
        .isEqualTo(404);
  }

  @Test
  void invalidRegistrations_areRefused_naming_eachField() {
    Account admin = app.admin();

    Reply reply = app.send("POST", "/oauth2/clients", admin.accessToken(),
        app.jsonOf("client_name", " ", "scope", "user-service"));

    assertThat(reply.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    reply.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
    assertThat(fields).containsExactly("client_name", "scope");
    assertThat(app.send("POST", "/oauth2/clients", admin.accessToken(), "{\"client_name\": 1}")
        .status()).isEqualTo(400);
  }

  // --- helpers ------------------------------------------------------------------------------------

  private static Reply token(List<String> authentication, String... params) {
    return send("/oauth2/token", authentication, params);
  }

  private static JsonNode introspect(RegisterClient.Registered caller, String token) {
    Reply reply = send("/oauth2/introspect", basic(caller), "token", token);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    return reply.json();
  }

  private static Reply revoke(RegisterClient.Registered caller, String... params) {
    return send("/oauth2/revoke", post(caller), params);
  }

  /**
   * Posts {@code params} as a form; {@code authentication} is either {@code "Authorization",
   * value} (a header) or more form parameters.
   */
  private static Reply send(String path, List<String> authentication, String... params) {
    List<String> body = new ArrayList<>(List.of(params));
    Map<String, String> headers = Map.of();
    for (int i = 0; i < authentication.size(); i += 2) {
      if (authentication.get(i).equals("Authorization")) {
        headers = Map.of("Authorization", authentication.get(i + 1));
      } else {
        body.add(authentication.get(i));
        body.add(authentication.get(i + 1));
      }
    }
    return app.postForm(path, form(body.toArray(String[]::new)), headers);
  }

  private static List<String> basic(RegisterClient.Registered client) {
    return basicOf(client.client().id().value(), client.secret());
  }

  private static List<String> basicOf(String id, String secret) {
    return List.of("Authorization", basicHeader(id, secret).get("Authorization"));
  }

  private static Map<String, String> basicHeader(RegisterClient.Registered client) {
    return basicHeader(client.client().id().value(), client.secret());
  }

  /** RFC 6749 §2.3.1: each part form-encoded, then base64. */
  private static Map<String, String> basicHeader(String id, String secret) {
    String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return Map.of("Authorization", "Basic "
        + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> post(RegisterClient.Registered client) {
    return List.of(TestApi.secretPost(client));
  }

  private static JsonNode inactive() {
    return app.json.createObjectNode().put("active", false);
  }

  private static void assertError(Reply reply, int status, String error) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json().get("error").asText()).isEqualTo(error);
    assertThat(reply.json().get("error_description").asText()).isNotBlank();
  }

  private static JsonNode claims(String token) {
    try {
      return app.json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
