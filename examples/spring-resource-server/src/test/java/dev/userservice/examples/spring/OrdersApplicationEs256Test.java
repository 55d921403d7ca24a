package dev.userservice.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.bootstrap.RunningApp;
import dev.userservice.bootstrap.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link OrdersApplication} across the service's move from RS256 to ES256: it has verified an
 * RS256 token (so its decoder is built, from a JWKS of RSA keys alone), then the service restarts
 * on the same address with an EC P-256 key, its RSA key among the previous keys. The ES256 tokens
 * are accepted at once, and the RS256 ones still are. Without the algorithms
 * {@link OrdersApplication} names, Spring would refuse ES256 until the orders service restarted.
 */
class OrdersApplicationEs256Test {

  private static final String ADMIN_EMAIL = "admin@example.com";
  private static final String ADMIN_PASSWORD = "first operator passphrase for tests";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  @Test
  void afterTheServiceMovesToEs256_itsNewTokensAndItsOldOnesAreAccepted() throws Exception {
    int port = TestServices.freePort();
    String publicUrl = "http://127.0.0.1:" + port;
    Map<String, String> service = Map.of("HTTP_PORT", Integer.toString(port),
        "PUBLIC_URL", publicUrl, "FAKE_MAIL_ENABLED", "false",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("spring-es256"));
    Path ecKey = dir.resolve("jwt-private-key.pem");
    PemKeys.writePrivateKey(PemKeys.generateP256().getPrivate(), ecKey);
    Path previous = dir.resolve("jwt-previous-public-keys.pem");
    Files.writeString(previous, PemKeys.publicKeyPem(PemKeys.readPrivateKey(
        Path.of(TestServices.environment().get("JWT_PRIVATE_KEY_FILE"))).getPublic()));

    String rs256;
    try (ConfigurableApplicationContext orders = new SpringApplicationBuilder(
        OrdersApplication.class).run("--server.port=0",
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + publicUrl)) {
      String ordersUrl = "http://127.0.0.1:"
          + ((WebServerApplicationContext) orders).getWebServer().getPort();
      try (RunningApp rsa = RunningApp.start(service)) {
        rs256 = logIn(rsa);
        assertThat(header(rs256).path("alg").asText()).isEqualTo("RS256");
        assertThat(get(ordersUrl + "/admin/report", rs256).statusCode()).isEqualTo(200);
      }

      Map<String, String> rotated = new HashMap<>(service);
      rotated.put("JWT_PRIVATE_KEY_FILE", ecKey.toString());
      rotated.put("JWT_PREVIOUS_PUBLIC_KEYS_FILE", previous.toString());
      try (RunningApp ec = RunningApp.start(rotated)) {
        String es256 = logIn(ec);
        assertThat(header(es256).path("alg").asText()).isEqualTo("ES256");

        HttpResponse<String> report = get(ordersUrl + "/admin/report", es256);
        assertThat(report.statusCode()).as("%s", report.headers().map()).isEqualTo(200);
        assertThat(get(ordersUrl + "/admin/report", rs256).statusCode()).isEqualTo(200);
        // The control: an ES256 token whose signature is not the key's is still refused.
        String forged = es256.substring(0, es256.lastIndexOf('.') + 1)
            + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        assertThat(get(ordersUrl + "/admin/report", forged).statusCode()).isEqualTo(401);
      }
    }
  }

  private static String logIn(RunningApp service) {
    RunningApp.Reply login = service.post("/security/login", null,
        Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
    assertThat(login.status()).as("%s", login.json()).isEqualTo(200);
    return login.text("access_token");
  }

  private static JsonNode header(String token) throws IOException {
    return new ObjectMapper().readTree(
        Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
  }

  private static HttpResponse<String> get(String url, String token) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
