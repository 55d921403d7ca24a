package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 on the real application, against PostgreSQL, Redis and the fake SMTP server: the
 * README's acceptance flow (enrol, confirm, log in with the second factor), a refresh that keeps
 * {@code amr}, a replayed code refused, and the secret sealed in PostgreSQL.
 */
class SecondFactorEndToEndTest {

  private static final String PASSWORD = "correct horse battery";
  private static RunningApp app;

  @BeforeAll
  static void start() {
    app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("mfa")));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("enrol, confirm, log in with the second factor; refresh keeps amr; replay refused")
  void acceptanceFlow() throws Exception {
    String email = EndToEndTest.unique("mfa");
    assertThat(app.post("/users", null, Map.of("email", email, "password", PASSWORD)).status())
        .isEqualTo(201);
    String access = app.post("/security/login", null, Map.of("email", email,
        "password", PASSWORD)).text("access_token");

    var enrolment = app.post("/users/me/mfa/totp", access, Map.of("current_password", PASSWORD));
    assertThat(enrolment.status()).isEqualTo(200);
    byte[] secret = base32(enrolment.text("secret"));
    long confirmedStep = step(Instant.now());
    var confirmed = app.post("/users/me/mfa/totp/confirm", access,
        Map.of("code", totp(secret, confirmedStep)));
    assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
    assertThat(confirmed.json().get("recovery_codes")).hasSize(10);
    app.awaitLatestMail(email, "Two-step login is on");

    var login = app.post("/security/login", null, Map.of("email", email, "password", PASSWORD));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().get("mfa_required").asBoolean()).isTrue();
    assertThat(login.json().has("access_token")).isFalse();
    // The step after the one used to confirm: within the drift window, never accepted before.
    String code = totp(secret, Math.max(step(Instant.now()), confirmedStep + 1));
    var tokens = app.post("/security/login/mfa", null,
        Map.of("challenge", login.text("challenge"), "code", code));
    assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
    assertThat(amr(tokens.text("access_token"))).isEqualTo("[\"pwd\",\"otp\"]");

    var refreshed = app.post("/security/refresh", null,
        Map.of("refresh_token", tokens.text("refresh_token")));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(amr(refreshed.text("access_token"))).isEqualTo("[\"pwd\",\"otp\"]");
    assertThat(amr(access)).isEqualTo("[\"pwd\"]");

    String again = app.post("/security/login", null, Map.of("email", email, "password",
        PASSWORD)).text("challenge");
    assertThat(app.post("/security/login/mfa", null, Map.of("challenge", again, "code", code))
        .status()).as("a replayed code").isEqualTo(401);

    assertThat(app.put("/security/password", access, Map.of("current_password", PASSWORD,
        "new_password", "a different passphrase")).json().get("type").asText())
        .isEqualTo("urn:user-service:problem:step-up-required");
    String id = app.get("/users/me", refreshed.text("access_token")).text("id");
    assertThat(app.get("/users/me", refreshed.text("access_token")).json().get("mfa")
        .get("totp").asBoolean()).isTrue();
    assertThat(storedSecret(id)).isNotNull()
        .doesNotContain(HexFormat.of().formatHex(secret))
        .doesNotContain(enrolment.text("secret"));
  }

  private static String amr(String accessToken) {
    String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
    int start = payload.indexOf("\"amr\":") + "\"amr\":".length();
    return payload.substring(start, payload.indexOf(']', start) + 1);
  }

  /** The account's stored secret as PostgreSQL prints it (hex), whoever reads the table. */
  private static String storedSecret(String id) throws SQLException {
    Map<String, String> env = TestServices.environment();
    try (var connection = DriverManager.getConnection(env.get("DATABASE_URL"),
        env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        var query = connection.prepareStatement(
            "SELECT encode(totp_secret, 'hex') FROM users WHERE id = ?::uuid")) {
      query.setString(1, id);
      try (var row = query.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  private static long step(Instant at) {
    return at.getEpochSecond() / 30;
  }

  /** RFC 6238 with the test's own HMAC: the code an authenticator app shows at {@code step}. */
  private static String totp(byte[] secret, long step) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret, "HmacSHA1"));
    byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
    int offset = hash[hash.length - 1] & 0xf;
    int value = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
        | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
    return String.format("%06d", value % 1_000_000);
  }

  private static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    var out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
