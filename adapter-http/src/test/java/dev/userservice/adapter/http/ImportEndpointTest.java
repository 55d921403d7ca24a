package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import dev.userservice.domain.Email;
import dev.userservice.domain.Password;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImportEndpointTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "lètmein correct horse";
  // Made by Spring Security's BCryptPasswordEncoder ($2b, cost 5) from PASSWORD.
  private static final String BCRYPT =
      "$2b$05$6ujoPYBa4112ncKfQ7H9.uKK0rLNtW0AtiBy6XiMEEJKe95Bk3dRq";

  @Test
  void anNdjsonImport_answersEveryLine_andImportedUsersLogIn() throws Exception {
    Account admin = app.admin();
    String ada = TestApi.uniqueEmail("ada");
    String kc = TestApi.uniqueEmail("kc");
    String body = String.join("\n",
        app.jsonOf("email", ada, "password_hash", BCRYPT, "first_name", "Ada",
            "email_verified", true),
        "",
        app.jsonOf("email", kc, "password_hash", keycloakCredential(PASSWORD)),
        app.jsonOf("email", ada, "password_hash", BCRYPT),
        "{not json",
        app.jsonOf("email", "nobody", "password_hash", "plain", "plan", "gold"),
        app.jsonOf("email", "nobody", "password_hash", "plain"),
        "x".repeat(UserImportStream.MAX_LINE_BYTES + 10),
        "");

    Reply reply = importing(admin.accessToken(), body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith(UserRoutes.NDJSON);
    List<JsonNode> lines = reply.body().lines().map(ImportEndpointTest::parse).toList();
    assertThat(lines).hasSize(8);
    assertThat(lines.subList(0, 7)).extracting(l -> l.get("line").asInt())
        .containsExactly(1, 3, 4, 5, 6, 7, 8);
    assertThat(lines.subList(0, 7)).extracting(l -> l.get("status").asText()).containsExactly(
        "created", "created", "duplicate", "rejected", "rejected", "rejected", "rejected");
    assertThat(lines.get(4).get("errors").get(0).get("message").asText()).contains("plan");
    assertThat(lines.get(5).get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("email", "password_hash");
    assertThat(lines.get(7).get("summary").toString())
        .isEqualTo("{\"created\":2,\"duplicates\":1,\"rejected\":4}");
    assertThat(app.users.port().findByEmail(new Email(ada)).orElseThrow().firstName())
        .hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("Ada"));

    for (String email : List.of(ada, kc)) {
      Reply login = app.send("POST", "/security/login", null,
          app.jsonOf("email", email, "password", PASSWORD));
      assertThat(login.status()).isEqualTo(200);
      assertThat(app.users.port().findByEmail(new Email(email)).orElseThrow()
          .passwordHash().value()).startsWith("$argon2id$");
    }
  }

  @Test
  void customAttributes_areImportedPerLine_andCheckedLikeAnEdit() {
    Account admin = app.admin();
    String grace = TestApi.uniqueEmail("grace");
    String body = String.join("\n",
        "{\"email\":\"" + grace + "\",\"password_hash\":\"" + BCRYPT + "\","
            + "\"metadata\":{\"theme\":\"dark\"},\"app_metadata\":{\"plan\":\"pro\"}}",
        "{\"email\":\"" + TestApi.uniqueEmail("bad") + "\",\"password_hash\":\"" + BCRYPT
            + "\",\"metadata\":[1],\"app_metadata\":\"x\"}",
        "");

    Reply reply = importing(admin.accessToken(), body);

    List<JsonNode> lines = reply.body().lines().map(ImportEndpointTest::parse).toList();
    assertThat(lines.get(0).get("status").asText()).isEqualTo("created");
    assertThat(lines.get(1).get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("metadata", "app_metadata");
    var user = app.users.port().findByEmail(new Email(grace)).orElseThrow();
    assertThat(user.metadata().json()).isEqualTo("{\"theme\":\"dark\"}");
    assertThat(user.appMetadata().json()).isEqualTo("{\"plan\":\"pro\"}");
  }

  @Test
  void aKeycloakArgon2Credential_isImported_andLogsIn() throws Exception {
    // Keycloak's default Argon2 parameters (Argon2id 1.3, 7 MiB, 5 passes, 1 lane), with Bouncy
    // Castle's Argon2 as Keycloak computes it; the PHC string's parts become the credential.
    String phc = new Argon2PasswordHasher(new Argon2Settings(7168, 5, 1))
        .hash(new Password(PASSWORD)).value();
    String[] parts = phc.split("\\$");
    Base64.Encoder padded = Base64.getEncoder();
    Base64.Decoder decoder = Base64.getDecoder();
    Map<String, Object> credential = Map.of("type", "password",
        "secretData", JSON.writeValueAsString(Map.of(
            "value", padded.encodeToString(decoder.decode(parts[5])),
            "salt", padded.encodeToString(decoder.decode(parts[4])),
            "additionalParameters", Map.of())),
        "credentialData", JSON.writeValueAsString(Map.of(
            "hashIterations", 5, "algorithm", "argon2",
            "additionalParameters", Map.of("hashLength", List.of("32"), "memory", List.of("7168"),
                "type", List.of("id"), "version", List.of("1.3"),
                "parallelism", List.of("1")))));
    String email = TestApi.uniqueEmail("kc-argon2");

    Reply reply = importing(app.admin().accessToken(),
        app.jsonOf("email", email, "password_hash", credential));

    assertThat(reply.body()).contains("\"status\":\"created\"");
    assertThat(app.users.port().findByEmail(new Email(email)).orElseThrow().passwordHash().value())
        .isEqualTo(phc);
    assertThat(app.send("POST", "/security/login", null,
        app.jsonOf("email", email, "password", PASSWORD)).status()).isEqualTo(200);
  }

  @Test
  void anotherMediaType_is415_andNothingIsImported() {
    String email = TestApi.uniqueEmail("json");
    Reply reply = app.send("POST", "/users/import", app.admin().accessToken(),
        app.jsonOf("email", email, "password_hash", BCRYPT));

    assertThat(reply.status()).isEqualTo(415);
    assertThat(app.users.port().findByEmail(new Email(email))).isEmpty();
  }

  @Test
  void aUser_isForbidden_andNothingIsImported() {
    String email = TestApi.uniqueEmail("sneaky");
    Reply reply = importing(app.user().accessToken(),
        app.jsonOf("email", email, "password_hash", BCRYPT, "role", "admin"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(app.users.port().findByEmail(new Email(email))).isEmpty();
  }

  @Test
  void importsArePerAdministratorThrottled_with429AndRetryAfter() {
    Account admin = app.admin();
    int answered = 0;
    Reply reply;
    do {
      reply = importing(admin.accessToken(), "");
      answered++;
    } while (reply.status() == 200 && answered < 100);

    assertThat(answered).isEqualTo(21);
    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.header("Retry-After")).isNotBlank();
  }

  private static Reply importing(String token, String body) {
    return app.sendWith("POST", "/users/import", Map.of("Authorization", "Bearer " + token,
        "Content-Type", UserRoutes.NDJSON), body);
  }

  /** A password credential as Keycloak exports it: its data fields are strings of JSON. */
  private static Map<String, Object> keycloakCredential(String password) throws Exception {
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
    byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 27_500, 512)).getEncoded();
    return Map.of("type", "password",
        "secretData", JSON.writeValueAsString(Map.of(
            "value", Base64.getEncoder().encodeToString(hash),
            "salt", Base64.getEncoder().encodeToString(salt), "additionalParameters", Map.of())),
        "credentialData", JSON.writeValueAsString(Map.of(
            "hashIterations", 27_500, "algorithm", "pbkdf2-sha256",
            "additionalParameters", Map.of())));
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError(line, e);
    }
  }
}
