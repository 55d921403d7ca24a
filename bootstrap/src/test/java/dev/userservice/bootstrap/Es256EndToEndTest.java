package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.adapter.crypto.PemKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The service started with an EC P-256 signing key (JWT_PRIVATE_KEY_FILE) signs ES256, says so at
 * start, publishes the key so that a verifier knowing nothing of this code checks the tokens, and,
 * with the RSA key it signed with before among JWT_PREVIOUS_PUBLIC_KEYS_FILE, still accepts the
 * RS256 tokens of that key: the rotation from RS256 to ES256 logs no one out.
 */
class Es256EndToEndTest {

  private static final String PASSWORD = "correct horse battery";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void anEcKey_signsEs256_fromLoginThroughRefresh_andTheRsaKeysTokensStillPass()
      throws Exception {
    Path ecKey = dir.resolve("jwt-private-key.pem");
    PemKeys.writePrivateKey(PemKeys.generateP256().getPrivate(), ecKey);
    Path previous = dir.resolve("jwt-previous-public-keys.pem");
    Path rsaKey = Path.of(TestServices.environment().get("JWT_PRIVATE_KEY_FILE"));
    Files.writeString(previous,
        PemKeys.publicKeyPem(PemKeys.readPrivateKey(rsaKey).getPublic()));
    String email = "es256-" + UUID.randomUUID() + "@example.com";

    String rs256Token;
    try (RunningApp before = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "false"))) {
      assertThat(before.post("/users", null, Map.of("email", email, "password", PASSWORD))
          .status()).isEqualTo(201);
      rs256Token = login(before, email).text("access_token");
    }
    assertThat(header(rs256Token).path("alg").asText()).isEqualTo("RS256");

    ListAppender<ILoggingEvent> logs = listening();
    try (RunningApp app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "false",
        "JWT_PRIVATE_KEY_FILE", ecKey.toString(),
        "JWT_PREVIOUS_PUBLIC_KEYS_FILE", previous.toString()))) {
      assertThat(messages(logs))
          .anySatisfy(line -> assertThat(line).startsWith("ES256 signing by AmazonCorrettoCrypto"));

      RunningApp.Reply login = login(app, email);
      String access = login.text("access_token");
      JsonNode jwks = app.get("/.well-known/jwks.json", null).json().path("keys");
      JsonNode signingJwk = jwks.get(0);
      assertThat(header(access).path("alg").asText()).isEqualTo("ES256");
      assertThat(header(access).path("typ").asText()).isEqualTo("at+jwt");
      assertThat(header(access).path("kid").asText()).isEqualTo(signingJwk.path("kid").asText());
      assertThat(signingJwk.path("kty").asText()).isEqualTo("EC");
      assertThat(signingJwk.path("alg").asText()).isEqualTo("ES256");
      assertThat(signingJwk.path("crv").asText()).isEqualTo("P-256");
      assertThat(verifiesWith(signingJwk, access)).isTrue();
      assertThat(app.get("/users/me", access).text("email")).isEqualTo(email);

      RunningApp.Reply refreshed = app.post("/security/refresh", null,
          Map.of("refresh_token", login.text("refresh_token")));
      assertThat(refreshed.status()).isEqualTo(200);
      String renewed = refreshed.text("access_token");
      assertThat(header(renewed).path("alg").asText()).isEqualTo("ES256");
      assertThat(verifiesWith(signingJwk, renewed)).isTrue();
      assertThat(app.get("/users/me", renewed).text("email")).isEqualTo(email);

      // The previous key: published second, as RS256, and its token still accepted.
      assertThat(jwks).hasSize(2);
      assertThat(jwks.get(1).path("kid").asText())
          .isEqualTo(header(rs256Token).path("kid").asText());
      assertThat(jwks.get(1).path("alg").asText()).isEqualTo("RS256");
      assertThat(app.get("/users/me", rs256Token).status()).isEqualTo(200);
      // The control: a signature that does not match is refused by the same check.
      String tampered = renewed.substring(0, renewed.lastIndexOf('.') + 1)
          + access.substring(access.lastIndexOf('.') + 1);
      assertThat(verifiesWith(signingJwk, tampered)).isFalse();
      assertThat(app.get("/users/me", tampered).status()).isEqualTo(401);
    } finally {
      root().detachAppender(logs);
    }
  }

  private static RunningApp.Reply login(RunningApp app, String email) {
    RunningApp.Reply login = app.post("/security/login", null,
        Map.of("email", email, "password", PASSWORD));
    assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
    return login;
  }

  /**
   * Checks {@code token} with the JDK alone against a JWK as the JWKS publishes it: P-256, x and
   * y, and JOSE's r || s signature (the JDK's P1363 format).
   */
  private static boolean verifiesWith(JsonNode jwk, String token) throws Exception {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", "SunEC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    PublicKey key = KeyFactory.getInstance("EC", "SunEC").generatePublic(new ECPublicKeySpec(
        new ECPoint(unsigned(jwk.path("x").asText()), unsigned(jwk.path("y").asText())),
        parameters.getParameterSpec(ECParameterSpec.class)));
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format",
        Security.getProvider("SunEC"));
    es256.initVerify(key);
    int lastDot = token.lastIndexOf('.');
    es256.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    return es256.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
  }

  private static BigInteger unsigned(String base64Url) {
    byte[] bytes = Base64.getUrlDecoder().decode(base64Url);
    assertThat(bytes).as("a P-256 coordinate is 32 bytes").hasSize(32);
    return new BigInteger(1, bytes);
  }

  private static JsonNode header(String token) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
  }

  private static ListAppender<ILoggingEvent> listening() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    logs.start();
    root().addAppender(logs);
    return logs;
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static List<String> messages(ListAppender<ILoggingEvent> logs) {
    synchronized (logs.list) {
      return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
