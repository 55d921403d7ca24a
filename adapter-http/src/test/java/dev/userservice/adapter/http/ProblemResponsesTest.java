package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.adapter.http.RouteSamples.Accounts;
import dev.userservice.adapter.http.RouteSamples.Sample;
import dev.userservice.adapter.http.TestApi.Reply;
import dev.userservice.domain.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProblemResponsesTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass(
      HttpSettings.defaults().withTrustedProxies(List.of("127.0.0.1")), config -> {
        config.routes.get("/test/boom", ctx -> {
          throw new IllegalStateException("secret internals");
        });
        config.routes.get("/test/busy", ctx -> {
          throw UnavailableException.busy("password hashing", null);
        });
      });

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    assertThat(reply.json().get("type").asText()).isNotBlank();
    assertThat(reply.json().get("title").asText()).isNotBlank();
    assertThat(reply.json().get("detail").asText()).isNotBlank();
  }

  @Test
  void malformedJson_is400() {
    Reply reply = app.send("POST", "/security/login", null, "{\"email\": ");

    assertProblem(reply, 400);
    assertThat(UserEndpointsTest.fields(reply)).containsExactly("body");
  }

  @Test
  void emptyBody_andNonObjectBody_are400() {
    assertThat(UserEndpointsTest.fields(app.send("POST", "/security/login", null, "")))
        .containsExactly("body");
    assertThat(UserEndpointsTest.fields(app.send("POST", "/security/login", null, "[1]")))
        .containsExactly("body");
    assertThat(UserEndpointsTest.fields(app.send("PATCH", "/users/me",
        app.user().accessToken(), "\"text\""))).containsExactly("body");
  }

  @Test
  void unknownField_is400NamingIt() {
    Reply reply = app.send("POST", "/users", null, "{\"email\": \"a@example.com\", "
        + "\"password\": \"long enough pw\", \"is_admin\": true}");
    Reply patch = app.send("PATCH", "/users/me", app.user().accessToken(),
        "{\"password_hash\": \"x\"}");

    assertProblem(reply, 400);
    assertThat(UserEndpointsTest.fields(reply)).containsExactly("is_admin");
    assertThat(UserEndpointsTest.fields(patch)).containsExactly("password_hash");
  }

  @Test
  void wrongType_is400NamingTheField() {
    Reply number = app.send("POST", "/users", null,
        "{\"email\": 12, \"password\": \"long enough pw\"}");
    Reply object = app.send("POST", "/security/login", null,
        "{\"email\": \"a@example.com\", \"password\": {\"x\": 1}}");
    Reply version = app.send("PATCH", "/users/me", app.user().accessToken(),
        "{\"version\": \"3\", \"first_name\": 5}");

    assertProblem(number, 400);
    assertThat(UserEndpointsTest.fields(number)).containsExactly("email");
    assertThat(UserEndpointsTest.fields(object)).containsExactly("password");
    assertThat(UserEndpointsTest.fields(version))
        .containsExactlyInAnyOrder("version", "first_name");
  }

  @Test
  void duplicateKeys_are400() {
    Reply reply = app.send("POST", "/security/login", null,
        "{\"email\": \"a@example.com\", \"email\": \"b@example.com\", \"password\": \"x\"}");

    assertProblem(reply, 400);
  }

  @Test
  void unknownEnumValue_is400() {
    Reply reply = app.send("PATCH", "/users/" + app.user().id(), app.admin().accessToken(),
        app.jsonOf("role", "SUPERUSER"));

    assertProblem(reply, 400);
    assertThat(UserEndpointsTest.fields(reply)).containsExactly("role");
    assertThat(reply.json().get("errors").get(0).get("message").asText()).contains("USER");
  }

  @Test
  void notJson_is415() {
    Reply reply = app.sendWith("POST", "/security/login", Map.of("Content-Type", "text/plain"),
        "{\"email\": \"a@example.com\", \"password\": \"whatever1\"}");
    Reply none = app.sendWith("POST", "/security/login", Map.of(), "{}");

    assertProblem(reply, 415);
    assertProblem(none, 415);
  }

  @Test
  void bodyOver16KiB_is413() {
    String huge = "{\"email\": \"" + "a".repeat(17 * 1024) + "@example.com\"}";

    Reply reply = app.send("POST", "/security/password-reset", null, huge);

    assertProblem(reply, 413);
  }

  @Test
  void unknownRoute_is404Problem() {
    Reply reply = app.get("/nothing/here", null);

    assertProblem(reply, 404);
    assertThat(reply.json().get("detail").asText()).contains("/nothing/here");
  }

  @Test
  void wrongMethod_is405ProblemWithAllow() {
    Reply users = app.send("PUT", "/users", null, null);
    Reply login = app.send("DELETE", "/security/login", null, null);

    assertProblem(users, 405);
    assertThat(users.header("Allow")).contains("GET").contains("POST");
    assertProblem(login, 405);
    assertThat(login.header("Allow")).isEqualTo("POST");
  }

  @Test
  void unexpectedError_is500WithoutInternals_quotingTheRequestId() {
    Reply reply = app.get("/test/boom", null);

    assertProblem(reply, 500);
    assertThat(reply.body()).doesNotContain("secret").doesNotContain("IllegalState");
    assertThat(reply.json().get("detail").asText()).contains(reply.header("X-Request-Id"));
  }

  @Test
  @DisplayName("issue 17 #1: work refused for a full queue is 503 with Retry-After")
  void busy_is503WithRetryAfter() {
    Reply reply = app.get("/test/busy", null);

    assertProblem(reply, 503);
    assertThat(reply.json().get("type").asText()).isEqualTo("urn:user-service:problem:busy");
    assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
  }

  @Test
  void missingOrMalformedAuthorization_is401WithWwwAuthenticate() {
    Reply none = app.get("/users/me", null);
    Reply basic = app.sendWith("GET", "/users/me", Map.of("Authorization", "Basic YTpi"), null);
    Reply empty = app.sendWith("GET", "/users/me", Map.of("Authorization", "Bearer "), null);
    String token = app.user().accessToken();
    Reply glued = app.sendWith("GET", "/users/me", Map.of("Authorization", "Bearer" + token), null);
    Reply longer = app.sendWith("GET", "/users/me", Map.of("Authorization", "Bearers " + token),
        null);

    for (Reply reply : List.of(none, basic, empty, glued, longer)) {
      assertProblem(reply, 401);
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"user-service\"");
    }
  }

  @Test
  void refusedToken_is401WithInvalidTokenChallenge_evenOnceItsSessionEnded() {
    String token = app.user().accessToken();
    Reply forged = app.get("/users/me", token + "x");
    assertThat(app.send("POST", "/security/logout-all", token, null).status())
        .isEqualTo(204);
    Reply ended = app.get("/users/me", token);

    for (Reply reply : List.of(forged, ended)) {
      assertProblem(reply, 401);
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"user-service\","
          + " error=\"invalid_token\", error_description=\"the access token is malformed,"
          + " forged, expired or its session has ended\"");
    }
  }

  @Test
  void userOnAnAdministratorsRoute_is403WithInsufficientScopeChallenge() {
    Reply reply = app.get("/users", app.user().accessToken());

    assertProblem(reply, 403);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"user-service\","
        + " error=\"insufficient_scope\", error_description=\"only an administrator may do"
        + " this\"");
  }

  @Test
  void bearerScheme_isCaseInsensitive_andSpacingIsForgiven() {
    String token = app.user().accessToken();

    for (String header : List.of("bearer " + token, "BEARER   " + token, "Bearer\t" + token)) {
      assertThat(app.sendWith("GET", "/users/me", Map.of("Authorization", header), null).status())
          .as(header.substring(0, 8)).isEqualTo(200);
    }
  }

  /** Every operation with a JSON body answers 415 to a non-JSON body and 413 to a huge one. */
  @Test
  void everyBodyOperation_answers415And413() throws IOException {
    Accounts accounts = Accounts.create(app);
    String huge = "{\"x\": \"" + "a".repeat(20 * 1024) + "\"}";
    SoftAssertions soft = new SoftAssertions();
    for (String[] operation : operations(true)) {
      String route = operation[0] + " " + operation[1];
      Sample sample = RouteSamples.all().get(route).apply(accounts, accounts.admin());
      if (UserRoutes.NDJSON.equals(sample.contentType())) {
        // A stream of any length: its limit is per line (ImportEndpointTest), never 413.
        soft.assertThat(app.sendWith(operation[0], sample.path(), Map.of("Authorization",
            "Bearer " + accounts.admin().accessToken(), "Content-Type", "text/plain"),
            sample.body()).status()).as(route + " with text/plain").isEqualTo(415);
        continue;
      }
      Map<String, String> text = Map.of("Authorization", "Bearer " + accounts.admin().accessToken(),
          "Content-Type", "text/plain");
      Map<String, String> json = Map.of("Authorization", "Bearer " + accounts.admin().accessToken(),
          "Content-Type", "application/json");
      soft.assertThat(app.sendWith(operation[0], sample.path(), text, sample.body()).status())
          .as(route + " with text/plain").isEqualTo(415);
      soft.assertThat(app.sendWith(operation[0], sample.path(), json, huge).status())
          .as(route + " with a 20 KiB body").isEqualTo(413);
    }
    soft.assertAll();
  }

  /** With the database and Redis down, every operation that needs them answers 503. */
  @Test
  void everyOperation_answers503WithRetryAfter_whenStorageIsDown() throws IOException {
    Accounts accounts = Accounts.create(app);
    List<String[]> operations = new ArrayList<>();
    for (String[] operation : operations(false)) {
      if (operation[2].contains("503")) {
        operations.add(operation);
      }
    }
    List<Sample> samples = new ArrayList<>();
    for (String[] operation : operations) {
      samples.add(RouteSamples.all().get(operation[0] + " " + operation[1])
          .apply(accounts, accounts.admin()));
    }
    SoftAssertions soft = new SoftAssertions();
    app.databaseDown(true);
    app.tokenStore.down(true);
    try {
      for (int i = 0; i < operations.size(); i++) {
        String[] operation = operations.get(i);
        Reply reply = RouteSamples.send(app, operation[0], samples.get(i),
            accounts.admin().accessToken());
        soft.assertThat(reply.status()).as(operation[0] + " " + operation[1]).isEqualTo(503);
        soft.assertThat(reply.header("Retry-After")).as(operation[1]).isEqualTo("5");
        soft.assertThat(reply.body()).as(operation[1]).doesNotContain("redis", "database");
      }
    } finally {
      app.databaseDown(false);
      app.tokenStore.down(false);
    }
    soft.assertThat(operations).hasSizeGreaterThan(15);
    soft.assertAll();
  }

  /** [method, path, documented statuses] of each documented operation. */
  static List<String[]> operations(boolean withBodyOnly) throws IOException {
    JsonNode document;
    try (InputStream in = ProblemResponsesTest.class.getResourceAsStream("/openapi.json")) {
      document = app.json.readTree(in);
    }
    List<String[]> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (withBodyOnly && !op.getValue().has("requestBody")) {
          continue;
        }
        List<String> statuses = new ArrayList<>();
        op.getValue().get("responses").fieldNames().forEachRemaining(statuses::add);
        operations.add(new String[] {op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
            String.join(",", statuses)});
      }
    }
    return operations;
  }
}
