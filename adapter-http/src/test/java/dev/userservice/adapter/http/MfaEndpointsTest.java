package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import dev.userservice.adapter.http.TestApi.TotpAccount;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The second factor over HTTP (issue 26): enrolment, the login challenge, step-up, reset. */
class MfaEndpointsTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  private static Reply post(String path, String token, Object... body) {
    return app.send("POST", path, token, app.jsonOf(body));
  }

  private static Reply delete(String path, String token, Object... body) {
    return app.send("DELETE", path, token, body.length == 0 ? null : app.jsonOf(body));
  }

  private static String wrongCode(byte[] secret) {
    return app.totp(secret).equals("000000") ? "111111" : "000000";
  }

  /** Logs in with the password and the current code: a session that passed the second factor. */
  private static Reply strongLogin(TotpAccount owner) {
    Reply tokens = post("/security/login/mfa", null, "challenge", app.challenge(owner.account()),
        "code", app.totp(owner.secret()));
    app.clock.advance(Duration.ofSeconds(30));
    return tokens;
  }

  @Test
  void enrolment_givesASecret_itsKeyUri_andAQrCodeOfThatUri() throws Exception {
    Account ada = app.user();

    Reply enrolled = post("/users/me/mfa/totp", ada.accessToken(),
        "current_password", TestApi.PASSWORD);

    assertThat(enrolled.status()).isEqualTo(200);
    assertThat(enrolled.header("Cache-Control")).isEqualTo("no-store");
    String secret = enrolled.json().get("secret").asText();
    String uri = enrolled.json().get("otpauth_uri").asText();
    assertThat(secret).matches("[A-Z2-7]{32}");
    assertThat(uri).startsWith("otpauth://totp/").contains("secret=" + secret);
    String qr = enrolled.json().get("qr_code").asText();
    assertThat(qr).startsWith("data:image/png;base64,");
    var image = ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(qr.substring("data:image/png;base64,".length()))));
    // A generated image, not a photograph: its modules are read directly. The finder-pattern
    // detector, made for camera images, now and then misreads a pixel-perfect code.
    String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.PURE_BARCODE, true))
        .getText();
    assertThat(decoded).isEqualTo(uri);
    assertThat(app.get("/users/me", ada.accessToken()).json().get("mfa").get("totp").asBoolean())
        .isFalse();
  }

  @Test
  void enrolment_withAWrongPassword_is400_andConfirmation_withAWrongCode_is400() {
    Account ada = app.user();
    assertThat(post("/users/me/mfa/totp", ada.accessToken(), "current_password",
        "not the password").status()).isEqualTo(400);
    byte[] secret = TestApi.base32(post("/users/me/mfa/totp", ada.accessToken(),
        "current_password", TestApi.PASSWORD).json().get("secret").asText());

    Reply wrong = post("/users/me/mfa/totp/confirm", ada.accessToken(), "code",
        wrongCode(secret));

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("type").asText()).isEqualTo("urn:user-service:problem:invalid-input");
  }

  @Test
  void confirmedTotp_showsInTheUserJson_andASecondEnrolmentIs409() {
    TotpAccount owner = app.totpUser();

    assertThat(app.get("/users/me", owner.account().accessToken()).json().get("mfa")
        .get("totp").asBoolean()).isTrue();
    assertThat(owner.recoveryCodes()).hasSize(10);
    assertThat(post("/users/me/mfa/totp", owner.account().accessToken(),
        "current_password", TestApi.PASSWORD).status()).isEqualTo(409);
  }

  @Test
  void login_answersWithAChallenge_andTheCodeCompletesIt_withAmrOtp() throws Exception {
    TotpAccount owner = app.totpUser();

    Reply login = post("/security/login", null, "email", owner.account().email(),
        "password", TestApi.PASSWORD);

    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().get("mfa_required").asBoolean()).isTrue();
    assertThat(login.json().get("expires_in").asLong()).isEqualTo(300);
    assertThat(login.json().has("access_token")).isFalse();
    Reply tokens = post("/security/login/mfa", null, "challenge",
        login.json().get("challenge").asText(), "code", app.totp(owner.secret()));
    assertThat(tokens.status()).isEqualTo(200);
    String payload = tokens.json().get("access_token").asText().split("\\.")[1];
    assertThat(new String(Base64.getUrlDecoder().decode(payload)))
        .contains("\"amr\":[\"pwd\",\"otp\"]");
    String passwordOnly = owner.account().accessToken().split("\\.")[1];
    assertThat(new String(Base64.getUrlDecoder().decode(passwordOnly)))
        .contains("\"amr\":[\"pwd\"]");
  }

  @Test
  void aWrongCode_is401_andAMalformedSecondStep_is400() {
    TotpAccount owner = app.totpUser();
    String challenge = app.challenge(owner.account());

    Reply wrong = post("/security/login/mfa", null, "challenge", challenge, "code",
        wrongCode(owner.secret()));
    Reply both = post("/security/login/mfa", null, "challenge", challenge, "code", "123456",
        "recovery_code", "aaaaa-bbbbb");

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("type").asText())
        .isEqualTo("urn:user-service:problem:unauthenticated");
    assertThat(both.status()).isEqualTo(400);
  }

  @Test
  void wrongCodes_areThrottledLikePasswords_onEveryCodeEndpoint() {
    TotpAccount owner = app.totpUser();
    String strong = strongLogin(owner).json().get("access_token").asText();
    String challenge = app.challenge(owner.account());

    Reply last = null;
    for (int i = 0; i < 8; i++) {
      last = post("/security/login/mfa", null, "challenge", challenge, "code",
          wrongCode(owner.secret()));
      if (last.status() == 429) {
        break;
      }
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotNull();
    assertThat(delete("/users/me/mfa/totp", strong, "current_password", TestApi.PASSWORD,
        "code", app.totp(owner.secret())).status()).isEqualTo(429);
  }

  @Test
  void wrongPasswordsAtEnrolment_throttleTheEnrolmentAndItsConfirmation() {
    Account ada = app.user();
    post("/users/me/mfa/totp", ada.accessToken(), "current_password", TestApi.PASSWORD);

    Reply last = null;
    for (int i = 0; i < 8; i++) {
      last = post("/users/me/mfa/totp", ada.accessToken(), "current_password", "not it at all");
      if (last.status() == 429) {
        break;
      }
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(post("/users/me/mfa/totp/confirm", ada.accessToken(), "code", "123456").status())
        .isEqualTo(429);
  }

  @Test
  void sensitiveActions_inAPasswordOnlySession_needAStepUp() {
    TotpAccount owner = app.totpUser();
    String weak = owner.account().accessToken();

    Reply password = app.send("PUT", "/security/password", weak, app.jsonOf(
        "current_password", TestApi.PASSWORD, "new_password", "a different passphrase"));
    Reply removal = delete("/users/me/mfa/totp", weak, "current_password", TestApi.PASSWORD,
        "code", app.totp(owner.secret()));
    Reply codes = post("/users/me/mfa/recovery-codes", weak);
    Reply deletion = delete("/users/me", weak, "current_password", TestApi.PASSWORD);
    Reply email = app.send("PATCH", "/users/me", weak, app.jsonOf("email",
        TestApi.uniqueEmail("moved"), "current_password", TestApi.PASSWORD));

    for (Reply reply : new Reply[] {password, removal, codes, deletion, email}) {
      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.json().get("type").asText())
          .isEqualTo("urn:user-service:problem:step-up-required");
    }
  }

  @Test
  void aStrongSession_regeneratesRecoveryCodes_andRemovesTheTotp() {
    TotpAccount owner = app.totpUser();
    String strong = strongLogin(owner).json().get("access_token").asText();

    Reply codes = post("/users/me/mfa/recovery-codes", strong);
    Reply wrong = delete("/users/me/mfa/totp", strong, "current_password", TestApi.PASSWORD,
        "recovery_code", owner.recoveryCodes().get(0));
    Reply removed = delete("/users/me/mfa/totp", strong, "current_password", TestApi.PASSWORD,
        "recovery_code", codes.json().get("recovery_codes").get(0).asText());

    assertThat(codes.status()).isEqualTo(200);
    assertThat(codes.json().get("recovery_codes")).hasSize(10);
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(removed.status()).isEqualTo(204);
    assertThat(post("/security/login", null, "email", owner.account().email(), "password",
        TestApi.PASSWORD).json().has("access_token")).isTrue();
    assertThat(app.latestMail(owner.account().email()).orElseThrow().subject())
        .contains("Two-step login is off");
  }

  @Test
  void anAdministratorResetsIt_andTheUserIsTold_butNotTwice() {
    TotpAccount owner = app.totpUser();
    Account admin = app.admin();
    String path = "/users/" + owner.account().id() + "/mfa/totp";

    assertThat(delete(path, admin.accessToken()).status()).isEqualTo(204);
    assertThat(delete(path, admin.accessToken()).status()).isEqualTo(404);
    assertThat(delete("/users/not-a-uuid/mfa/totp", admin.accessToken()).status())
        .isEqualTo(400);
    assertThat(app.latestMail(owner.account().email()).orElseThrow().subject())
        .contains("administrator turned off");
    assertThat(app.get("/users/" + owner.account().id(), admin.accessToken()).json().get("mfa")
        .get("totp").asBoolean()).isFalse();
  }
}
