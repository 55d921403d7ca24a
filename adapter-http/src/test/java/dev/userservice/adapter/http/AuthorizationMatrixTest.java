package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.http.RouteSamples.Accounts;
import dev.userservice.adapter.http.RouteSamples.Sample;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import dev.userservice.application.ClientCredentials;
import dev.userservice.application.IssueClientToken;
import dev.userservice.application.RegisterClient;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.port.AccessTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route × every kind of caller → the status it gets. A route without a row fails
 * {@link #everyRegisteredRoute_hasARow()}, so a new route cannot skip the matrix.
 */
class AuthorizationMatrixTest {

  /** The caller kinds, in the order of the columns below. */
  enum Caller {
    ANONYMOUS, USER, OTHER_USER, UNVERIFIED, ADMIN,
    EXPIRED, BAD_SIGNATURE, ALG_NONE, HS256_WITH_PUBLIC_KEY, REFRESH_AS_ACCESS,
    /** A registered client's own access token: valid, but no user's. */
    CLIENT_TOKEN
  }

  // route                                 anon user other unver admin exp sig none hs256 refresh client
  private static final String[] MATRIX = {
      "POST /users                              201  201  201  201  201  201  201  201  201  201  201",
      "GET /users                               401  403  403  403  200  401  401  401  401  401  401",
      "GET /users/count                         401  403  403  403  200  401  401  401  401  401  401",
      "POST /users/import                       401  403  403  403  200  401  401  401  401  401  401",
      "POST /users/invitations                  401  403  403  403  201  401  401  401  401  401  401",
      "POST /users/{id}/invitation              401  403  403  403  200  401  401  401  401  401  401",
      "POST /security/invitation/accept         200  200  200  200  200  200  200  200  200  200  200",
      "GET /users/me                            401  200  200  200  200  401  401  401  401  401  401",
      "PATCH /users/me                          401  200  200  200  200  401  401  401  401  401  401",
      "POST /users/me/verification-code         401  409  409  202  409  401  401  401  401  401  401",
      "POST /users/me/verification              401  409  409  400  409  401  401  401  401  401  401",
      "GET /users/me/events                     401  200  200  200  200  401  401  401  401  401  401",
      "GET /users/me/export                     401  200  200  200  200  401  401  401  401  401  401",
      "GET /users/me/sessions                   401  200  200  200  200  401  401  401  401  401  401",
      "DELETE /users/me/sessions/{sid}          401  204  204  204  204  401  401  401  401  401  401",
      "DELETE /users/me                         401  204  204  204  204  401  401  401  401  401  401",
      "POST /users/me/mfa/totp                  401  200  200  200  200  401  401  401  401  401  401",
      "POST /users/me/mfa/totp/confirm          401  409  409  409  409  401  401  401  401  401  401",
      "DELETE /users/me/mfa/totp                401  404  404  404  404  401  401  401  401  401  401",
      "POST /users/me/mfa/recovery-codes        401  409  409  409  409  401  401  401  401  401  401",
      "DELETE /users/{id}/mfa/totp              401  403  403  403  204  401  401  401  401  401  401",
      "GET /users/{id}                          401  200  403  403  200  401  401  401  401  401  401",
      "GET /audit-events                        401  403  403  403  200  401  401  401  401  401  401",
      "POST /oauth2/token                       200  200  200  200  200  200  200  200  200  200  200",
      "POST /oauth2/introspect                  200  200  200  200  200  200  200  200  200  200  200",
      "POST /oauth2/revoke                      200  200  200  200  200  200  200  200  200  200  200",
      "POST /oauth2/clients                     401  403  403  403  201  401  401  401  401  401  401",
      "GET /oauth2/clients                      401  403  403  403  200  401  401  401  401  401  401",
      "GET /oauth2/clients/{id}                 401  403  403  403  200  401  401  401  401  401  401",
      "DELETE /oauth2/clients/{id}              401  403  403  403  204  401  401  401  401  401  401",
      "PATCH /users/{id}                        401  200  403  403  200  401  401  401  401  401  401",
      "DELETE /users/{id}                       401  403  403  403  204  401  401  401  401  401  401",
      "GET /users/{id}/sessions                 401  403  403  403  200  401  401  401  401  401  401",
      "DELETE /users/{id}/sessions/{sid}        401  403  403  403  204  401  401  401  401  401  401",
      "POST /security/login                     200  200  200  200  200  200  200  200  200  200  200",
      "POST /security/login/mfa                 200  200  200  200  200  200  200  200  200  200  200",
      "POST /security/refresh                   200  200  200  200  200  200  200  200  200  200  200",
      "POST /security/logout                    204  204  204  204  204  204  204  204  204  204  204",
      "POST /security/logout-all                401  204  204  204  204  401  401  401  401  401  401",
      "PUT /security/password                   401  204  204  204  204  401  401  401  401  401  401",
      "POST /security/password-reset            202  202  202  202  202  202  202  202  202  202  202",
      "POST /security/password-reset/confirm    204  204  204  204  204  204  204  204  204  204  204",
      "GET /.well-known/jwks.json               200  200  200  200  200  200  200  200  200  200  200",
      "GET /.well-known/oauth-authorization-server 200 200 200 200 200 200 200 200 200 200  200",
      "GET /.well-known/openid-configuration    200  200  200  200  200  200  200  200  200  200  200",
      "GET /openapi.json                        200  200  200  200  200  200  200  200  200  200  200",
      "GET /docs                                200  200  200  200  200  200  200  200  200  200  200",
      "POST /webhooks                           401  403  403  403  201  401  401  401  401  401  401",
      "GET /webhooks                            401  403  403  403  200  401  401  401  401  401  401",
      "GET /webhooks/{id}                       401  403  403  403  200  401  401  401  401  401  401",
      "PATCH /webhooks/{id}                     401  403  403  403  200  401  401  401  401  401  401",
      "DELETE /webhooks/{id}                    401  403  403  403  204  401  401  401  401  401  401",
      "POST /webhooks/{id}/rotate-secret        401  403  403  403  200  401  401  401  401  401  401",
      "POST /webhooks/{id}/test                 401  403  403  403  202  401  401  401  401  401  401",
      "GET /webhooks/{id}/deliveries            401  403  403  403  200  401  401  401  401  401  401",
      "POST /webhooks/{id}/deliveries/{delivery}/redeliver 401 403 403 403 202 401 401 401 401 401 401",
  };

  /** Forged and spent tokens first, while the user's session is certainly live. */
  private static final List<Caller> ORDER = List.of(Caller.ANONYMOUS, Caller.EXPIRED,
      Caller.BAD_SIGNATURE, Caller.ALG_NONE, Caller.HS256_WITH_PUBLIC_KEY,
      Caller.REFRESH_AS_ACCESS, Caller.CLIENT_TOKEN, Caller.USER, Caller.OTHER_USER, Caller.UNVERIFIED, Caller.ADMIN);

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  static Stream<String> rows() {
    return Stream.of(MATRIX);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void routeAnswersEachCallerAsTheMatrixSays(String row) {
    String[] cells = row.trim().split("\\s+");
    String route = cells[0] + " " + cells[1];
    BiFunction<Accounts, Account, Sample> sample = RouteSamples.all().get(route);
    assertThat(sample).as("a sample request for " + route).isNotNull();
    assertThat(cells).as(route + " has a status for every caller")
        .hasSize(2 + Caller.values().length);

    boolean adminOnly = app.api.routes().stream().anyMatch(registered -> route.equals(
        registered.method() + " " + registered.path()) && registered.access() == Access.ADMIN);
    Accounts accounts = Accounts.create(app);
    Map<Caller, String> tokens = tokens(accounts);
    SoftAssertions soft = new SoftAssertions();
    for (Caller caller : ORDER) {
      int expected = Integer.parseInt(cells[2 + caller.ordinal()]);
      if (route.equals("POST /security/password-reset/confirm")) {
        // Reset codes: at most one a minute and five an hour per user (the route is anonymous,
        // so the tokens this ages out do not matter).
        app.clock.advance(Duration.ofMinutes(13));
      }
      Sample request = sample.apply(accounts, accountOf(accounts, caller));
      Reply reply = RouteSamples.send(app, cells[0], request, tokens.get(caller));
      soft.assertThat(reply.status()).as(route + " as " + caller + ": " + reply.body())
          .isEqualTo(expected);
      soft.assertThat(reply.header("WWW-Authenticate")).as(route + " as " + caller)
          .isEqualTo(expectedChallenge(expected, caller, adminOnly));
    }
    soft.assertAll();
  }

  @Test
  void everyRegisteredRoute_hasARow() {
    Set<String> registered = app.api.routes().stream()
        .map(route -> route.method() + " " + route.path())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> inMatrix = Stream.of(MATRIX)
        .map(row -> row.trim().split("\\s+"))
        .map(cells -> cells[0] + " " + cells[1])
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(inMatrix).containsExactlyElementsOf(registered);
  }

  @Test
  void forgedTokens_areRefusedEvenForALiveSession() {
    Accounts accounts = Accounts.create(app);
    Map<Caller, String> tokens = tokens(accounts);
    assertThat(app.get("/users/me", accounts.user().accessToken()).status()).isEqualTo(200);
    for (Caller forged : List.of(Caller.EXPIRED, Caller.BAD_SIGNATURE, Caller.ALG_NONE,
        Caller.HS256_WITH_PUBLIC_KEY, Caller.REFRESH_AS_ACCESS, Caller.CLIENT_TOKEN)) {
      assertThat(app.get("/users/me", tokens.get(forged)).status()).as(forged.name())
          .isEqualTo(401);
    }
    assertThat(app.get("/users/me", accounts.user().accessToken()).status()).isEqualTo(200);
  }

  /**
   * RFC 6750 §3: every 401 challenges with the realm, with {@code invalid_token} when a token was
   * presented; a 403 of an administrator's route says {@code insufficient_scope}; a 403 a use
   * case gives (not the owner) and every other answer challenge nothing.
   */
  private static String expectedChallenge(int status, Caller caller, boolean adminOnly) {
    String realm = "Bearer realm=\"user-service\"";
    if (status == 401) {
      return caller == Caller.ANONYMOUS ? realm : realm + ", error=\"invalid_token\","
          + " error_description=\"the access token is malformed, forged, expired or its session"
          + " has ended\"";
    }
    if (status == 403 && adminOnly) {
      return realm + ", error=\"insufficient_scope\","
          + " error_description=\"only an administrator may do this\"";
    }
    return null;
  }

  private static Account accountOf(Accounts accounts, Caller caller) {
    return switch (caller) {
      case USER -> accounts.user();
      case OTHER_USER -> accounts.other();
      case UNVERIFIED -> accounts.unverified();
      case ADMIN -> accounts.admin();
      default -> null;
    };
  }

  /** The bearer token each kind of caller presents; forged ones are built on the user's session. */
  private static Map<Caller, String> tokens(Accounts accounts) {
    RegisterClient.Registered client = app.client("reports:read");
    String valid = accounts.user().accessToken();
    String[] parts = valid.split("\\.");
    JsonNode payload = decode(parts[1]);
    String kid = decode(parts[0]).get("kid").asText();
    AccessTokens.Claims claims = new AccessTokens.Claims(accounts.user().id(),
        new SessionId(payload.get("sid").asText()), Role.USER, true);

    Map<Caller, String> tokens = new LinkedHashMap<>();
    tokens.put(Caller.ANONYMOUS, null);
    tokens.put(Caller.USER, valid);
    tokens.put(Caller.OTHER_USER, accounts.other().accessToken());
    tokens.put(Caller.UNVERIFIED, accounts.unverified().accessToken());
    tokens.put(Caller.ADMIN, accounts.admin().accessToken());
    tokens.put(Caller.EXPIRED,
        app.accessTokens.issue(claims, app.clock.now().minus(Duration.ofHours(1))).token());
    tokens.put(Caller.BAD_SIGNATURE, parts[0] + "." + parts[1] + "." + tamper(parts[2]));
    tokens.put(Caller.ALG_NONE, encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid
        + "\"}") + "." + parts[1] + ".");
    String hsHeader = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
    String publicPem = PemKeys.publicKeyPem(app.keys.verificationKeys().get(kid));
    tokens.put(Caller.HS256_WITH_PUBLIC_KEY, hsHeader + "." + parts[1] + "."
        + hmac(publicPem, hsHeader + "." + parts[1]));
    tokens.put(Caller.REFRESH_AS_ACCESS, accounts.user().refreshToken());
    tokens.put(Caller.CLIENT_TOKEN, app.service.issueClientToken().issue(
        new IssueClientToken.Command(new ClientCredentials(client.client().id().value(),
            client.secret()), null, null)).accessToken());
    return tokens;
  }

  private static String tamper(String signature) {
    char[] chars = signature.toCharArray();
    int middle = chars.length / 2;
    chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
    return new String(chars);
  }

  private static JsonNode decode(String part) {
    try {
      return app.json.readTree(Base64.getUrlDecoder().decode(part));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
