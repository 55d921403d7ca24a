package dev.userservice.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.application.EnsureAdmin;
import dev.userservice.domain.Email;
import dev.userservice.domain.Password;
import dev.userservice.spring.TestHttp;
import dev.userservice.spring.TestHttp.Reply;
import dev.userservice.spring.TestInfrastructure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The starter's Spring MVC routes on a real socket, over real PostgreSQL, Redis and SMTP, each
 * answer checked against adapter-http's openapi.json: registration, its validation error, login,
 * refresh, the own profile, the 401s and their challenges, administrators' routes, profile
 * edits, self-deletion, sessions, events, export, the audit trail and the second factor, each
 * with an error.
 */
@SpringBootTest(classes = SpringMvcRoutesTest.Host.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"user-service.web.enabled=true", "user-service.redis.key-prefix=mvc:",
        "user-service.webhooks.allow-private=true"})
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

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** What the starter leaves to the host (docs/embedding.md, "Routes"). */
  private static final Set<String> NOT_SERVED =
      Set.of("POST /users/import", "GET /openapi.json", "GET /docs");

  @Test
  void everyDocumentedOperation_isServed_butThoseLeftToTheHost() {
    Set<String> served = new HashSet<>();
    mappings.getHandlerMethods().keySet().forEach(info ->
        info.getPatternValues().forEach(pattern ->
            info.getMethodsCondition().getMethods().forEach(method ->
                served.add(method.name() + " " + pattern))));

    assertThat(CONTRACT.operations()).filteredOn(operation -> !NOT_SERVED.contains(operation))
        .isNotEmpty().allSatisfy(operation -> assertThat(served).contains(operation));
  }

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

    String bobId = call("GET", "/users/me", "/users/me", user, null).body().get("id").asText();
    Reply plan = call("PATCH", "/users/" + bobId, "/users/{id}", admin,
        Map.of("app_metadata", Map.of("plan", "pro")));
    assertThat(plan.status()).as("%s", plan.body()).isEqualTo(200);
    Reply pro = call("GET", "/users?app_metadata%5Bplan%5D=pro", "/users", admin, null);
    assertThat(pro.status()).as("%s", pro.body()).isEqualTo(200);
    assertThat(pro.body().get("items").findValuesAsText("id")).containsExactly(bobId);
    Reply twoKeys = call("GET", "/users/count?app_metadata%5Ba%5D=1&app_metadata%5Bb%5D=2",
        "/users/count", admin, null);
    assertThat(twoKeys.status()).isEqualTo(400);
    assertThat(twoKeys.body().get("errors").findValuesAsText("field")).contains("app_metadata");
  }

  @Test
  void profileEdits_andSelfDeletion_answerAsDocumented() {
    String admin = admin();
    String carol = signUp("carol@example.com");
    String carolId = call("GET", "/users/me", "/users/me", carol, null).body().get("id").asText();

    Reply edited = call("PATCH", "/users/me", "/users/me", carol, Map.of("first_name", "Carol"));
    assertThat(edited.status()).as("%s", edited.body()).isEqualTo(200);
    assertThat(edited.body().get("first_name").asText()).isEqualTo("Carol");

    Reply badEdit = call("PATCH", "/users/me", "/users/me", carol,
        Map.of("version", "one", "colour", "red"));
    assertThat(badEdit.status()).isEqualTo(400);
    assertThat(badEdit.body().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("version", "colour");

    Reply byAdmin = call("PATCH", "/users/" + carolId, "/users/{id}", admin,
        Map.of("last_name", "Jones", "version", edited.body().get("version").asLong()));
    assertThat(byAdmin.status()).as("%s", byAdmin.body()).isEqualTo(200);
    assertThat(byAdmin.body().get("last_name").asText()).isEqualTo("Jones");
    Reply stale = call("PATCH", "/users/" + carolId, "/users/{id}", admin,
        Map.of("last_name", "Smith", "version", edited.body().get("version").asLong()));
    assertThat(stale.status()).as("an outdated version").isEqualTo(409);
    Reply notHers = call("PATCH", "/users/" + carolId, "/users/{id}", carol,
        Map.of("role", "admin"));
    assertThat(notHers.status()).isEqualTo(403);

    Reply noPassword = call("DELETE", "/users/me", "/users/me", carol, Map.of());
    assertThat(noPassword.status()).isEqualTo(400);
    assertThat(noPassword.body().get("errors").findValuesAsText("field"))
        .containsExactly("current_password");
    Reply deleted = call("DELETE", "/users/me", "/users/me", carol,
        Map.of("current_password", PASSWORD));
    assertThat(deleted.status()).as("%s", deleted.body()).isEqualTo(204);
    assertThat(call("GET", "/users/me", "/users/me", carol, null).status()).isEqualTo(401);
  }

  @Test
  void sessions_events_export_andTheAuditTrail_answerAsDocumented() {
    String admin = admin();
    String dan = signUp("dan@example.com");
    String second = logIn("dan@example.com", PASSWORD);
    String danId = call("GET", "/users/me", "/users/me", dan, null).body().get("id").asText();

    Reply sessions = call("GET", "/users/me/sessions", "/users/me/sessions", dan, null);
    assertThat(sessions.status()).isEqualTo(200);
    assertThat(sessions.body().get("items")).hasSize(2);
    assertThat(sessions.body().get("items").findValuesAsText("current"))
        .containsExactlyInAnyOrder("true", "false");
    String other = otherSession(sessions.body());
    Reply ended = call("DELETE", "/users/me/sessions/" + other, "/users/me/sessions/{sid}", dan,
        null);
    assertThat(ended.status()).as("%s", ended.body()).isEqualTo(204);
    Reply again = call("DELETE", "/users/me/sessions/" + other, "/users/me/sessions/{sid}", dan,
        null);
    assertThat(again.status()).isEqualTo(404);
    assertThat(call("GET", "/users/me", "/users/me", second, null).status()).isEqualTo(401);

    Reply notAdmin = call("GET", "/users/" + danId + "/sessions", "/users/{id}/sessions", dan,
        null);
    assertThat(notAdmin.status()).isEqualTo(403);
    Reply seen = call("GET", "/users/" + danId + "/sessions", "/users/{id}/sessions", admin, null);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.body().get("items")).hasSize(1);

    Reply events = call("GET", "/users/me/events?limit=50", "/users/me/events", dan, null);
    assertThat(events.status()).isEqualTo(200);
    assertThat(events.body().get("items").findValuesAsText("type"))
        .contains("login_succeeded", "session_ended");
    Reply badLimit = call("GET", "/users/me/events?limit=0", "/users/me/events", dan, null);
    assertThat(badLimit.status()).isEqualTo(400);

    Reply export = call("GET", "/users/me/export", "/users/me/export", dan, null);
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Disposition")).contains("attachment");
    assertThat(export.body().get("user").get("email").asText()).isEqualTo("dan@example.com");

    Reply trail = call("GET", "/audit-events?user_id=" + danId + "&type=login_succeeded",
        "/audit-events", admin, null);
    assertThat(trail.status()).as("%s", trail.body()).isEqualTo(200);
    assertThat(trail.body().get("items").findValuesAsText("type"))
        .hasSize(2).containsOnly("login_succeeded");
    Reply badType = call("GET", "/audit-events?type=nope", "/audit-events", admin, null);
    assertThat(badType.status()).isEqualTo(400);
    assertThat(call("GET", "/audit-events", "/audit-events", dan, null).status()).isEqualTo(403);

    String danSession = seen.body().get("items").get(0).get("id").asText();
    Reply endedByAdmin = call("DELETE", "/users/" + danId + "/sessions/" + danSession,
        "/users/{id}/sessions/{sid}", admin, null);
    assertThat(endedByAdmin.status()).isEqualTo(204);
    assertThat(call("GET", "/users/me", "/users/me", dan, null).status()).isEqualTo(401);
  }

  @Test
  void anInvitation_isSent_acceptedWithTheMailedCode_andNotSentAgainOnceAccepted() {
    String admin = admin();
    Reply byNobody = call("POST", "/users/invitations", "/users/invitations", null,
        Map.of("email", "ivy@example.com"));
    assertThat(byNobody.status()).isEqualTo(401);
    Reply invited = call("POST", "/users/invitations", "/users/invitations", admin,
        Map.of("email", "ivy@example.com", "first_name", "Ivy"));
    assertThat(invited.status()).as("%s", invited.body()).isEqualTo(201);
    String ivyId = invited.body().get("id").asText();
    assertThat(invited.header("Location")).isEqualTo("/users/" + ivyId);
    Reply resentAtOnce = call("POST", "/users/" + ivyId + "/invitation",
        "/users/{id}/invitation", admin, null);
    assertThat(resentAtOnce.status()).as("the resend limits hold").isEqualTo(429);

    String code = TestInfrastructure.awaitCode("ivy@example.com", 1);
    Reply badAccept = call("POST", "/security/invitation/accept", "/security/invitation/accept",
        null, Map.of("email", "ivy@example.com", "code", code));
    assertThat(badAccept.status()).isEqualTo(400);
    Reply accepted = call("POST", "/security/invitation/accept", "/security/invitation/accept",
        null, Map.of("email", "ivy@example.com", "code", code, "password", PASSWORD));
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(200);
    Reply me = call("GET", "/users/me", "/users/me",
        accepted.body().get("access_token").asText(), null);
    assertThat(me.body().get("email_verified").asBoolean()).isTrue();
    assertThat(call("POST", "/users/" + ivyId + "/invitation", "/users/{id}/invitation", admin,
        null).status()).isEqualTo(409);
  }

  @Test
  void aSecondFactor_isEnrolled_confirmed_askedAtLogin_andResetByAnAdministrator() {
    String admin = admin();
    String eve = signUp("eve@example.com");
    String eveId = call("GET", "/users/me", "/users/me", eve, null).body().get("id").asText();

    Reply noPassword = call("POST", "/users/me/mfa/totp", "/users/me/mfa/totp", eve, Map.of());
    assertThat(noPassword.status()).isEqualTo(400);
    Reply enrolled = call("POST", "/users/me/mfa/totp", "/users/me/mfa/totp", eve,
        Map.of("current_password", PASSWORD));
    assertThat(enrolled.status()).as("%s", enrolled.body()).isEqualTo(200);
    assertThat(enrolled.body().get("qr_code").asText()).startsWith("data:image/png;base64,");
    byte[] secret = base32(enrolled.body().get("secret").asText());

    Reply wrongCode = call("POST", "/users/me/mfa/totp/confirm", "/users/me/mfa/totp/confirm", eve,
        Map.of("code", totp(secret).equals("000000") ? "111111" : "000000"));
    assertThat(wrongCode.status()).isEqualTo(400);
    assertThat(wrongCode.body().get("errors").findValuesAsText("field")).containsExactly("code");
    Reply confirmed = call("POST", "/users/me/mfa/totp/confirm", "/users/me/mfa/totp/confirm",
        eve, Map.of("code", totp(secret)));
    assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
    List<String> recovery = new ArrayList<>();
    confirmed.body().get("recovery_codes").forEach(code -> recovery.add(code.asText()));
    assertThat(recovery).hasSize(10);

    Reply challenged = call("POST", "/security/login", "/security/login", null,
        Map.of("email", "eve@example.com", "password", PASSWORD));
    assertThat(challenged.status()).isEqualTo(200);
    assertThat(challenged.body().get("mfa_required").asBoolean()).isTrue();
    assertThat(challenged.body().has("access_token")).isFalse();
    String challenge = challenged.body().get("challenge").asText();
    Reply forged = call("POST", "/security/login/mfa", "/security/login/mfa", null,
        Map.of("challenge", "not-a-challenge", "recovery_code", recovery.get(0)));
    assertThat(forged.status()).isIn(400, 401);
    Reply passed = call("POST", "/security/login/mfa", "/security/login/mfa", null,
        Map.of("challenge", challenge, "recovery_code", recovery.get(0)));
    assertThat(passed.status()).as("%s", passed.body()).isEqualTo(200);
    String strong = passed.body().get("access_token").asText();
    assertThat(call("GET", "/users/me", "/users/me", strong, null).body().get("mfa").get("totp")
        .asBoolean()).isTrue();

    Reply regenerated = call("POST", "/users/me/mfa/recovery-codes",
        "/users/me/mfa/recovery-codes", strong, null);
    assertThat(regenerated.status()).as("%s", regenerated.body()).isEqualTo(200);
    assertThat(regenerated.body().get("recovery_codes")).hasSize(10);
    Reply removalWithoutProof = call("DELETE", "/users/me/mfa/totp", "/users/me/mfa/totp", strong,
        Map.of("current_password", PASSWORD));
    assertThat(removalWithoutProof.status()).isEqualTo(400);

    Reply notAdmin = call("DELETE", "/users/" + eveId + "/mfa/totp", "/users/{id}/mfa/totp",
        strong, null);
    assertThat(notAdmin.status()).isEqualTo(403);
    Reply reset = call("DELETE", "/users/" + eveId + "/mfa/totp", "/users/{id}/mfa/totp", admin,
        null);
    assertThat(reset.status()).as("%s", reset.body()).isEqualTo(204);
    Reply plainLogin = call("POST", "/security/login", "/security/login", null,
        Map.of("email", "eve@example.com", "password", PASSWORD));
    assertThat(plainLogin.body().has("access_token")).isTrue();
  }

  @Test
  void registeredClients_andTheOAuthEndpoints_answerAsDocumented() {
    String admin = admin();
    String frank = signUp("frank@example.com");
    Reply notAdmin = call("POST", "/oauth2/clients", "/oauth2/clients", frank,
        Map.of("client_name", "orders", "scope", "orders:read"));
    assertThat(notAdmin.status()).isEqualTo(403);
    Reply registered = call("POST", "/oauth2/clients", "/oauth2/clients", admin,
        Map.of("client_name", "orders", "scope", "orders:read"));
    assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
    String clientId = registered.body().get("client_id").asText();
    String secret = registered.body().get("client_secret").asText();
    assertThat(registered.header("Location")).isEqualTo("/oauth2/clients/" + clientId);
    Reply listed = call("GET", "/oauth2/clients", "/oauth2/clients", admin, null);
    assertThat(listed.body().get("items").findValuesAsText("client_id")).contains(clientId);
    assertThat(listed.body().get("items").get(0).has("client_secret")).isFalse();
    assertThat(call("GET", "/oauth2/clients/" + clientId, "/oauth2/clients/{id}", admin, null)
        .status()).isEqualTo(200);
    assertThat(call("GET", "/oauth2/clients/no-such-client", "/oauth2/clients/{id}", admin, null)
        .status()).isEqualTo(404);

    String basic = "Basic " + Base64.getEncoder().encodeToString(
        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    Reply issued = form("/oauth2/token", basic,
        "grant_type=client_credentials&scope=orders%3Aread");
    assertThat(issued.status()).as("%s", issued.body()).isEqualTo(200);
    assertThat(issued.body().get("scope").asText()).isEqualTo("orders:read");
    assertThat(issued.header("Pragma")).isEqualTo("no-cache");
    Reply wrongSecret = form("/oauth2/token", "Basic " + Base64.getEncoder().encodeToString(
        (clientId + ":wrong").getBytes(StandardCharsets.UTF_8)), "grant_type=client_credentials");
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(wrongSecret.body().get("error").asText()).isEqualTo("invalid_client");
    assertThat(wrongSecret.header("WWW-Authenticate")).startsWith("Basic realm=");
    Reply notAForm = new TestHttp(port).sendWith("POST",
        "/oauth2/token?grant_type=client_credentials",
        Map.of("Authorization", basic), "application/json", "{}");
    assertThat(notAForm.status()).isEqualTo(415);
    CONTRACT.check("POST", "/oauth2/token", 415, notAForm.header("Content-Type"),
        notAForm.body());

    Reply login = call("POST", "/security/login", "/security/login", null,
        Map.of("email", "frank@example.com", "password", PASSWORD));
    String posted = "client_id=" + clientId + "&client_secret=" + secret;
    Reply active = form("/oauth2/introspect", null,
        posted + "&token=" + login.body().get("access_token").asText());
    assertThat(active.status()).as("%s", active.body()).isEqualTo(200);
    assertThat(active.body().get("active").asBoolean()).isTrue();
    assertThat(active.body().get("sid").isTextual()).isTrue();
    Reply revoked = form("/oauth2/revoke", null,
        posted + "&token=" + login.body().get("refresh_token").asText());
    assertThat(revoked.status()).isEqualTo(200);
    Reply inactive = form("/oauth2/introspect", null,
        posted + "&token=" + login.body().get("access_token").asText());
    assertThat(inactive.body()).hasSize(1);
    assertThat(inactive.body().get("active").asBoolean()).isFalse();
    Reply repeated = form("/oauth2/introspect", null, posted + "&token=a&token=b");
    assertThat(repeated.status()).isEqualTo(400);
    assertThat(repeated.body().get("error").asText()).isEqualTo("invalid_request");

    assertThat(call("DELETE", "/oauth2/clients/" + clientId, "/oauth2/clients/{id}", admin, null)
        .status()).isEqualTo(204);
    assertThat(form("/oauth2/token", basic, "grant_type=client_credentials").status())
        .isEqualTo(401);
  }

  @Test
  void webhooks_areManagedByAdministrators_asDocumented() {
    String admin = admin();
    String grace = signUp("grace@example.com");
    Map<String, Object> endpoint = Map.of("url", "https://hooks.example.com/users",
        "event_types", List.of("registered", "login_succeeded"), "description", "crm");
    assertThat(call("POST", "/webhooks", "/webhooks", grace, endpoint).status()).isEqualTo(403);
    Reply badUrl = call("POST", "/webhooks", "/webhooks", admin,
        Map.of("url", "ftp://hooks.example.com/users"));
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.body().get("errors").findValuesAsText("field")).containsExactly("url");
    Reply created = call("POST", "/webhooks", "/webhooks", admin, endpoint);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String id = created.body().get("id").asText();
    assertThat(created.header("Location")).isEqualTo("/webhooks/" + id);
    assertThat(created.body().get("secret").isTextual()).isTrue();

    Reply listed = call("GET", "/webhooks", "/webhooks", admin, null);
    assertThat(listed.body().get("items").findValuesAsText("id")).contains(id);
    assertThat(listed.body().get("items").findValues("secret")).isEmpty();
    Reply edited = call("PATCH", "/webhooks/" + id, "/webhooks/{id}", admin,
        Map.of("description", "the CRM", "enabled", false));
    assertThat(edited.status()).as("%s", edited.body()).isEqualTo(200);
    assertThat(edited.body().get("enabled").asBoolean()).isFalse();
    assertThat(call("GET", "/webhooks/" + id, "/webhooks/{id}", admin, null).body()
        .get("description").asText()).isEqualTo("the CRM");
    Reply rotated = call("POST", "/webhooks/" + id + "/rotate-secret",
        "/webhooks/{id}/rotate-secret", admin, null);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.body().get("secret").asText())
        .isNotEqualTo(created.body().get("secret").asText());

    Reply ping = call("POST", "/webhooks/" + id + "/test", "/webhooks/{id}/test", admin, null);
    assertThat(ping.status()).as("%s", ping.body()).isEqualTo(202);
    Reply deliveries = call("GET", "/webhooks/" + id + "/deliveries",
        "/webhooks/{id}/deliveries", admin, null);
    assertThat(deliveries.status()).isEqualTo(200);
    assertThat(deliveries.body().get("items").findValuesAsText("id"))
        .contains(ping.body().get("delivery_id").asText());
    assertThat(call("GET", "/webhooks/" + id + "/deliveries?limit=0",
        "/webhooks/{id}/deliveries", admin, null).status()).isEqualTo(400);
    assertThat(call("POST", "/webhooks/" + id + "/deliveries/abc/redeliver",
        "/webhooks/{id}/deliveries/{delivery}/redeliver", admin, null).status()).isEqualTo(400);
    assertThat(call("POST", "/webhooks/" + id + "/deliveries/" + Long.MAX_VALUE + "/redeliver",
        "/webhooks/{id}/deliveries/{delivery}/redeliver", admin, null).status()).isEqualTo(404);

    assertThat(call("DELETE", "/webhooks/" + id, "/webhooks/{id}", admin, null).status())
        .isEqualTo(204);
    assertThat(call("GET", "/webhooks/" + id, "/webhooks/{id}", admin, null).status())
        .isEqualTo(404);
  }

  @Test
  void theJwks_andTheMetadata_arePublic_andCacheable() {
    Reply jwks = call("GET", "/.well-known/jwks.json", "/.well-known/jwks.json", null, null);
    assertThat(jwks.status()).isEqualTo(200);
    assertThat(jwks.body().get("keys").get(0).get("kty").asText()).isEqualTo("RSA");
    assertThat(jwks.header("Cache-Control")).isEqualTo("public, max-age=300");
    for (String path : List.of("/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration")) {
      Reply metadata = call("GET", path, path, null, null);
      assertThat(metadata.status()).isEqualTo(200);
      assertThat(metadata.body().get("token_endpoint").asText())
          .isEqualTo("http://127.0.0.1:" + port + "/oauth2/token");
      assertThat(metadata.body().get("jwks_uri").asText())
          .isEqualTo("http://127.0.0.1:" + port + "/.well-known/jwks.json");
      assertThat(metadata.header("Cache-Control")).isEqualTo("public, max-age=3600");
    }
  }

  private static final String PASSWORD = "a long and unusual passphrase";

  /** A form POST, checked against openapi.json; {@code authorization} may be null. */
  private Reply form(String path, String authorization, String body) {
    Reply reply = new TestHttp(port).sendWith("POST", path,
        authorization == null ? Map.of() : Map.of("Authorization", authorization),
        "application/x-www-form-urlencoded", body);
    CONTRACT.check("POST", path, reply.status(), reply.header("Content-Type"), reply.body());
    return reply;
  }

  /** An administrator's access token. */
  private String admin() {
    ensureAdmin.ensure(new EnsureAdmin.Command(Email.of("root@example.com", "email"),
        Password.of("an administrator's passphrase", "password")));
    return logIn("root@example.com", "an administrator's passphrase");
  }

  /** Registers {@code email} with {@link #PASSWORD}; its access token. */
  private String signUp(String email) {
    Reply registered = call("POST", "/users", "/users", null,
        Map.of("email", email, "password", PASSWORD));
    assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);
    return logIn(email, PASSWORD);
  }

  private String logIn(String email, String password) {
    Reply login = call("POST", "/security/login", "/security/login", null,
        Map.of("email", email, "password", password));
    assertThat(login.status()).as("%s", login.body()).isEqualTo(200);
    return login.body().get("access_token").asText();
  }

  private static String otherSession(JsonNode sessions) {
    for (JsonNode session : sessions.get("items")) {
      if (!session.get("current").asBoolean()) {
        return session.get("id").asText();
      }
    }
    throw new AssertionError("no other session in " + sessions);
  }

  /** The RFC 6238 code of {@code secret} now (SHA-1, 30 seconds, six digits). */
  private static String totp(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8)
          .putLong(Instant.now().getEpochSecond() / 30).array());
      int offset = hash[hash.length - 1] & 0xf;
      int value = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      return String.format("%06d", value % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** RFC 4648 base32 without padding, as authenticator apps read secrets. */
  private static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
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

  /** Calls {@code uri} and checks the answer against the operation at {@code documentedPath}. */
  private Reply call(String method, String uri, String documentedPath, String token,
      Object body) {
    Reply reply = new TestHttp(port).json(method, uri, token, body);
    CONTRACT.check(method, documentedPath, reply.status(), reply.header("Content-Type"),
        reply.body());
    return reply;
  }
}
