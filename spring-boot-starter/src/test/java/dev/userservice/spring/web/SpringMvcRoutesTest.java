package dev.userservice.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.application.EnsureAdmin;
import dev.userservice.domain.Email;
import dev.userservice.domain.Password;
import dev.userservice.spring.TestHttp;
import dev.userservice.spring.TestHttp.Reply;
import dev.userservice.spring.TestInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter's Spring MVC routes on a real socket, over real PostgreSQL, Redis and SMTP, each
 * answer checked against adapter-http's openapi.json: registration, its validation error, login,
 * refresh, the own profile, the 401s and their challenges, and an administrator's route.
 */
@SpringBootTest(classes = SpringMvcRoutesTest.Host.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"user-service.web.enabled=true", "user-service.redis.key-prefix=mvc:"})
class SpringMvcRoutesTest {

  /** A host with nothing of its own. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Host {}

  private static final OpenApiContract CONTRACT = new OpenApiContract();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry);
  }

  @LocalServerPort
  int port;

  @Autowired
  EnsureAdmin ensureAdmin;

  @Test
  void registration_login_refresh_andTheOwnProfile_answerAsDocumented() {
    Reply registered = call("POST", "/users", "/users", null,
        Map.of("email", "ada@example.com", "password", "a long and unusual passphrase"));
    assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
    assertThat(registered.header("Location"))
        .isEqualTo("/users/" + registered.body().get("id").asText());
    assertThat(registered.body().get("email_verified").asBoolean()).isFalse();

    Reply login = call("POST", "/security/login", "/security/login", null,
        Map.of("email", "ada@example.com", "password", "a long and unusual passphrase"));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(login.header("Cache-Control")).as("RFC 6749 §5.1").isEqualTo("no-store");
    String access = login.body().get("access_token").asText();

    Reply refreshed = call("POST", "/security/refresh", "/security/refresh", null,
        Map.of("refresh_token", login.body().get("refresh_token").asText()));
    assertThat(refreshed.status()).isEqualTo(200);

    String code = TestInfrastructure.awaitCode("ada@example.com", 1);
    Reply verified = call("POST", "/users/me/verification", "/users/me/verification", access,
        Map.of("code", code));
    assertThat(verified.status()).as("%s", verified.body()).isEqualTo(200);
    assertThat(verified.body().get("email_verified").asBoolean()).isTrue();

    Reply me = call("GET", "/users/me", "/users/me",
        refreshed.body().get("access_token").asText(), null);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().get("email").asText()).isEqualTo("ada@example.com");
  }

  @Test
  void invalidInput_isA400Problem_namingTheField_andABodyNotJson_a415() {
    Reply invalid = call("POST", "/users", "/users", null,
        Map.of("email", "not an address", "password", "a long and unusual passphrase"));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body().get("type").asText())
        .isEqualTo("urn:user-service:problem:invalid-input");
    assertThat(invalid.body().get("errors").findValuesAsText("field")).containsExactly("email");

    Reply notJson = new TestHttp(port).send("POST", "/users", null, "text/plain", "email=a");
    assertThat(notJson.status()).isEqualTo(415);
    CONTRACT.check("POST", "/users", 415, notJson.header("Content-Type"), notJson.body());

    Reply unknownField = call("POST", "/users", "/users", null,
        Map.of("email", "x@example.com", "password", "a long and unusual passphrase", "admin", true));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().get("errors").get(0).get("field").asText()).isEqualTo("admin");
  }

  @Test
  void withoutAToken_or_withABadOne_theAnswerIs401_withTheBearerChallenge() {
    Reply none = call("GET", "/users/me", "/users/me", null, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"user-service\"");

    Reply forged = call("GET", "/users/me", "/users/me", "not.a.token", null);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.header("WWW-Authenticate"))
        .startsWith("Bearer realm=\"user-service\", error=\"invalid_token\"");
    assertThat(forged.body().get("type").asText())
        .isEqualTo("urn:user-service:problem:unauthenticated");
    assertThat(forged.header("X-Request-Id")).isEqualTo(forged.body().get("request_id").asText());
  }

  @Test
  void theUserList_isForAdministrators_only() {
    ensureAdmin.ensure(new EnsureAdmin.Command(Email.of("root@example.com", "email"),
        Password.of("an administrator's passphrase", "password")));
    call("POST", "/users", "/users", null,
        Map.of("email", "bob@example.com", "password", "a long and unusual passphrase"));
    String user = call("POST", "/security/login", "/security/login", null,
        Map.of("email", "bob@example.com", "password", "a long and unusual passphrase"))
        .body().get("access_token").asText();
    String admin = call("POST", "/security/login", "/security/login", null,
        Map.of("email", "root@example.com", "password", "an administrator's passphrase"))
        .body().get("access_token").asText();

    Reply refused = call("GET", "/users", "/users", user, null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");

    Reply page = call("GET", "/users?limit=1", "/users", admin, null);
    assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
    assertThat(page.body().get("items")).hasSize(1);
    assertThat(page.body().get("next_cursor").isTextual()).isTrue();

    Reply badLimit = call("GET", "/users?limit=0&colour=red", "/users", admin, null);
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.body().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("limit", "colour");
  }

  /** Calls {@code uri} and checks the answer against the operation at {@code documentedPath}. */
  private Reply call(String method, String uri, String documentedPath, String token,
      Object body) {
    Reply reply = new TestHttp(port).json(method, uri, token, body);
    CONTRACT.check(method, documentedPath, reply.status(), reply.header("Content-Type"),
        reply.body());
    return reply;
  }
}
