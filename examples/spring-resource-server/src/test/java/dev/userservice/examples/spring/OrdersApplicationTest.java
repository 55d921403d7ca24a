package dev.userservice.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.bootstrap.RunningApp;
import dev.userservice.bootstrap.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link OrdersApplication} in front of the real user service on a real socket, with
 * {@code PUBLIC_URL} its address: the tokens the service issues at login are accepted, their
 * {@code roles} decide what they may do, and expired or forged tokens are refused. A second
 * instance runs the introspection variant, as a client registered through the service's API, and
 * refuses a token as soon as its session ends.
 */
class OrdersApplicationTest {

  private static final String ADMIN_EMAIL = "admin@example.com";
  private static final String ADMIN_PASSWORD = "first operator passphrase for tests";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private static RunningApp userService;
  private static ConfigurableApplicationContext orders;
  private static String ordersUrl;
  private static ConfigurableApplicationContext introspecting;
  private static String introspectingUrl;
  private static PrivateKey serviceSigningKey;
  private static String userToken;
  private static String adminToken;

  @BeforeAll
  static void start() {
    int port = TestServices.freePort();
    String publicUrl = "http://127.0.0.1:" + port;
    userService = RunningApp.start(Map.of("HTTP_PORT", Integer.toString(port),
        "PUBLIC_URL", publicUrl,
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("spring-resource-server")));
    serviceSigningKey = PemKeys.readPrivateKey(
        Path.of(TestServices.environment().get("JWT_PRIVATE_KEY_FILE"))).getPrivate();

    orders = new SpringApplicationBuilder(OrdersApplication.class).run("--server.port=0",
        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + publicUrl);
    ordersUrl = urlOf(orders);

    userToken = registerAndVerify("ada@example.com", "a long and unusual passphrase");
    adminToken = logIn(ADMIN_EMAIL, ADMIN_PASSWORD);

    // An administrator registers the orders service as a client; it introspects as that client.
    RunningApp.Reply client = userService.post("/oauth2/clients", adminToken,
        Map.of("client_name", "orders"));
    assertThat(client.status()).as("%s", client.json()).isEqualTo(201);
    introspecting = new SpringApplicationBuilder(OrdersApplication.class)
        .profiles(OrdersApplication.INTROSPECTION)
        .run("--server.port=0",
            "--spring.security.oauth2.resourceserver.opaquetoken.introspection-uri=" + publicUrl
                + "/oauth2/introspect",
            "--ORDERS_CLIENT_ID=" + client.text("client_id"),
            "--ORDERS_CLIENT_SECRET=" + client.text("client_secret"));
    introspectingUrl = urlOf(introspecting);
  }

  private static String urlOf(ConfigurableApplicationContext application) {
    return "http://127.0.0.1:"
        + ((WebServerApplicationContext) application).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    if (introspecting != null) {
      introspecting.close();
    }
    if (orders != null) {
      orders.close();
    }
    if (userService != null) {
      userService.close();
    }
  }

  @Test
  void aUsersAccessToken_readsOrders_butNotTheAdminReport() {
    Token token = Token.of(userToken);
    assertThat(token.header().get("typ").asText()).isEqualTo("at+jwt");

    HttpResponse<String> ownOrders = get("/orders", userToken);
    HttpResponse<String> report = get("/admin/report", userToken);

    assertThat(ownOrders.statusCode()).isEqualTo(200);
    assertThat(json(ownOrders).get("owner").asText())
        .isEqualTo(token.claims().get("sub").asText());
    assertThat(report.statusCode()).isEqualTo(403);
    assertThat(report.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer error=\"insufficient_scope\"");
  }

  @Test
  void anAdministratorsAccessToken_readsTheReport_andOrders() {
    assertThat(get("/admin/report", adminToken).statusCode()).isEqualTo(200);
    assertThat(get("/orders", adminToken).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutAToken_theCallerIsChallenged() {
    HttpResponse<String> response = get("/orders", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void anExpiredAccessToken_isRefused() {
    // Spring allows 60 s of clock skew, so the token expired well before that; signed with the
    // service's own key, it differs from a valid token in its times alone (the control below).
    Instant now = Instant.now();
    Token expired = Token.of(adminToken).withClaims(claims -> claims
        .put("iat", now.minus(Duration.ofMinutes(20)).getEpochSecond())
        .put("exp", now.minus(Duration.ofMinutes(5)).getEpochSecond()));

    assertThat(get("/orders", Token.of(adminToken).signedWith(serviceSigningKey)).statusCode())
        .as("the same token re-signed unchanged").isEqualTo(200);
    HttpResponse<String> response = get("/orders", expired.signedWith(serviceSigningKey));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer error=\"invalid_token\"").contains("expired");
  }

  @Test
  void forgedAccessTokens_areRefused() {
    Token user = Token.of(userToken);
    Token promoted = user.withClaims(claims -> claims.putArray("roles").add("admin").add("user"));
    Map<String, String> forgeries = new LinkedHashMap<>();
    forgeries.put("roles raised to admin, signature kept", promoted.withOriginalSignature());
    forgeries.put("signed by another key under the service's kid",
        promoted.signedWith(PemKeys.generate(2048).getPrivate()));
    forgeries.put("alg none, no signature",
        promoted.withHeader(header -> header.put("alg", "none")).unsigned());
    forgeries.put("another issuer, signed by the service's key",
        user.withClaims(claims -> claims.put("iss", "https://elsewhere.example.com"))
            .signedWith(serviceSigningKey));
    forgeries.put("another kind of JWT (typ JWT), signed by the service's key",
        user.withHeader(header -> header.put("typ", "JWT")).signedWith(serviceSigningKey));

    forgeries.forEach((forgery, token) -> {
      HttpResponse<String> response = get("/admin/report", token);
      assertThat(response.statusCode()).as(forgery).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).as(forgery)
          .startsWith("Bearer error=\"invalid_token\"");
    });
  }

  @Test
  void introspected_theSameRolesDecide() {
    HttpResponse<String> ownOrders = get(introspectingUrl, "/orders", userToken);

    assertThat(ownOrders.statusCode()).isEqualTo(200);
    assertThat(json(ownOrders).get("owner").asText())
        .isEqualTo(Token.of(userToken).claims().get("sub").asText());
    assertThat(get(introspectingUrl, "/admin/report", userToken).statusCode()).isEqualTo(403);
    assertThat(get(introspectingUrl, "/admin/report", adminToken).statusCode()).isEqualTo(200);
    assertThat(get(introspectingUrl, "/orders", null).statusCode()).isEqualTo(401);
  }

  @Test
  void introspected_aTokenIsRefusedAtOnce_afterLogoutAll_whileTheJwtCheckStillTakesIt() {
    String email = "bob@example.com";
    String password = "another long passphrase";
    assertThat(userService.post("/users", null, Map.of("email", email, "password", password))
        .status()).isEqualTo(201);
    String token = logIn(email, password);
    assertThat(get(introspectingUrl, "/orders", token).statusCode()).isEqualTo(200);

    assertThat(userService.post("/security/logout-all", token, Map.of()).status())
        .isEqualTo(204);

    HttpResponse<String> refused = get(introspectingUrl, "/orders", token);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer error=\"invalid_token\"");
    // Verified as a JWT alone, the same token passes until its exp: why introspection exists.
    assertThat(get("/orders", token).statusCode()).isEqualTo(200);
  }

  @Test
  void introspected_aForgedToken_isRefused() {
    Token user = Token.of(userToken);
    String promoted = user.withClaims(claims -> claims.putArray("roles").add("admin").add("user"))
        .withOriginalSignature();

    assertThat(get(introspectingUrl, "/admin/report", promoted).statusCode()).isEqualTo(401);
  }

  private static String registerAndVerify(String email, String password) {
    RunningApp.Reply registered = userService.post("/users", null,
        Map.of("email", email, "password", password));
    assertThat(registered.status()).as("%s", registered.json()).isEqualTo(201);
    String token = logIn(email, password);
    String code = userService.awaitCode(email, "verification");
    assertThat(userService.post("/users/me/verification", token, Map.of("code", code)).status())
        .isEqualTo(200);
    return token;
  }

  private static String logIn(String email, String password) {
    RunningApp.Reply login = userService.post("/security/login", null,
        Map.of("email", email, "password", password));
    assertThat(login.status()).isEqualTo(200);
    return login.text("access_token");
  }

  private static HttpResponse<String> get(String path, String token) {
    return get(ordersUrl, path, token);
  }

  private static HttpResponse<String> get(String base, String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static ObjectNode json(HttpResponse<String> response) {
    return parse(response.body().getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode parse(byte[] json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A token taken apart, to be changed and put together again, signed or not. */
  private record Token(ObjectNode header, ObjectNode claims, String signature) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    static Token of(String token) {
      String[] parts = token.split("\\.");
      return new Token(parse(Base64.getUrlDecoder().decode(parts[0])),
          parse(Base64.getUrlDecoder().decode(parts[1])), parts[2]);
    }

    Token withHeader(Consumer<ObjectNode> change) {
      ObjectNode changed = header.deepCopy();
      change.accept(changed);
      return new Token(changed, claims, signature);
    }

    Token withClaims(Consumer<ObjectNode> change) {
      ObjectNode changed = claims.deepCopy();
      change.accept(changed);
      return new Token(header, changed, signature);
    }

    String unsigned() {
      return encode(header) + "." + encode(claims) + ".";
    }

    String withOriginalSignature() {
      return unsigned() + signature;
    }

    /** Signed as RS256 signs: SHA-256 with RSA over the encoded header and claims. */
    String signedWith(PrivateKey key) {
      String signingInput = encode(header) + "." + encode(claims);
      try {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + ENCODER.encodeToString(rs256.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String encode(ObjectNode part) {
      try {
        return ENCODER.encodeToString(JSON.writeValueAsBytes(part));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
