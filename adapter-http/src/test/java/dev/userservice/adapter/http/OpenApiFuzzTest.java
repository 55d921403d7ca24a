package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userservice.adapter.http.DocumentedOperations.Operation;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.domain.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An HTTP fuzz run generated from {@code openapi.json}: for every documented operation, requests
 * with random, boundary and malformed values for each path and query parameter and each body
 * field (wrong types, missing required, unknown fields, huge and Unicode strings, bad numbers,
 * enums, UUIDs, timestamps and cursors), as nobody, a user, an administrator or with a bad token,
 * over a real socket. No answer may be a 5xx or a status the document does not list for that
 * operation.
 *
 * <p>A request line over 8 KiB may get 414 from Jetty before any operation runs, as the
 * document's description says; that is the only status outside an operation's list allowed here.
 *
 * <p>The seed is fixed; {@code -Dopenapi.fuzz.cases=N} raises the cases per operation
 * (default 40) and {@code -Dopenapi.fuzz.seed=S} explores other inputs.
 */
class OpenApiFuzzTest {

  private static final int CASES = Integer.getInteger("openapi.fuzz.cases", 40);
  private static final long SEED = Long.getLong("openapi.fuzz.seed", 20_250_901L);
  /** Jetty's limit on the request line: longer URIs get 414 before any operation runs. */
  private static final int MAX_REQUEST_LINE = 8 * 1024;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> STRANGE = List.of("", " ", "\u0000", "\t\n", "\u00e9\u00df",
      "\u212A", "\u0130", "\uD83D\uDE00", "\uFEFF", "\u202E", "%00", "%", "../", "/", "?", "#",
      "&", "=", "'", "\"", "\\", "<script>", "null", "true", "-1", "0", "1e309", "NaN",
      "9223372036854775808", "\u0660\u0661", "x".repeat(300), "\u00e9".repeat(5_000),
      "a".repeat(20_000));

  @RegisterExtension
  static final TestApi app = TestApi.perClass();
  private static Random random;
  private static Account user;
  private static Account admin;
  private static Account target;
  private static String cursor;
  private static int cases;
  private static final Map<String, Map<Integer, Integer>> SEEN = new TreeMap<>();

  @BeforeAll
  static void start() {
    random = new Random(SEED);
    renewAccounts();
  }

  @AfterAll
  static void stop() {
    System.out.printf("OpenApiFuzzTest: %d cases (%d per operation, seed %d); statuses %s%n",
        cases, CASES, SEED, SEEN);
  }

  @Test
  void everyOperation_answersOnlyDocumentedStatuses_andNever5xx_toHostileRequests() {
    List<Operation> operations = DocumentedOperations.all();
    List<String> undocumented = new ArrayList<>();
    for (Operation op : operations) {
      for (int i = 0; i < CASES; i++) {
        if (i % 20 == 0) {
          renewAccounts(); // earlier cases may have deleted, demoted or logged out the callers
        }
        Request request = request(op);
        int status = send(op, request);
        cases++;
        SEEN.computeIfAbsent(op.method() + " " + op.path(), k -> new TreeMap<>())
            .merge(status, 1, Integer::sum);
        // Two answers come from the server before any route: 414 for an over-long request line
        // and 400 for a path holding an encoded NUL (both problem documents, ParserErrors).
        boolean documented = op.statuses().contains(status)
            || (status == 414 && request.target().length() > MAX_REQUEST_LINE)
            || (status == 400 && pathOf(request.target()).contains("%00"));
        if (status >= 500 || !documented) {
          undocumented.add(op.method() + " " + request.target() + " [" + request.auth() + "] "
              + abbreviate(request.body()) + " -> " + status);
        }
      }
    }

    assertThat(cases).isEqualTo(operations.size() * CASES);
    assertThat(undocumented).isEmpty();
  }

  /** A generated request: path with query, who sends it, content type and body. */
  record Request(String target, String auth, String contentType, String body) {}

  private static Request request(Operation op) {
    String path = op.path();
    StringBuilder query = new StringBuilder();
    for (JsonNode parameter : op.parameters()) {
      String name = parameter.get("name").asText();
      JsonNode schema = DocumentedOperations.resolve(parameter.get("schema"));
      if (parameter.get("in").asText().equals("path")) {
        path = path.replace("{" + name + "}", encodePath(pathValue()));
        continue;
      }
      int roll = random.nextInt(10);
      if (roll < 4) {
        continue; // omitted
      }
      String value = roll < 7 ? valid(name, schema) : hostile(name, schema);
      appendQuery(query, name, value);
      if (random.nextInt(15) == 0) {
        appendQuery(query, name, valid(name, schema)); // given twice
      }
    }
    if (random.nextInt(12) == 0) {
      appendQuery(query, pick(List.of("unknown", "limit ", "EMAIL", "x[]")), pick(STRANGE));
    }
    String auth = pick(List.of("none", "user", "admin", "admin", "user", "garbage"));
    String contentType = "application/json";
    String body = null;
    if (op.body() != null) {
      int roll = random.nextInt(20);
      if (roll == 0) {
        contentType = pick(List.of("text/plain", "application/x-www-form-urlencoded",
            "application/jsonx", ""));
      }
      body = roll == 1 ? pick(List.of("", "null", "[]", "\"x\"", "{", "{}}", "1"))
          : roll == 2 ? "{\"email\":\"" + "a".repeat(17_000) + "\"}"
          : body(op.body());
    }
    return new Request(path + (query.length() == 0 ? "" : "?" + query), auth, contentType,
        body);
  }

  private static String pathValue() {
    return switch (random.nextInt(12)) {
      case 0, 1, 2 -> target.id().toString();
      case 3 -> user.id().toString();
      case 4 -> admin.id().toString();
      case 5 -> UUID.randomUUID().toString();
      case 6 -> target.id().toString().toUpperCase(java.util.Locale.ROOT);
      case 7 -> mutate(target.id().toString());
      case 8 -> pick(List.of("+0000000-0000-0000-0000-000000000000", "0-0-0-0-0",
          "00000000000000000000000000000000", "{" + target.id() + "}", target.id() + " ",
          "\u0660" + target.id().toString().substring(1), "me", "count", "null"));
      // Never empty: "/users/" is another route, not this operation with an odd id.
      default -> pick(STRANGE.subList(1, STRANGE.size()));
    };
  }

  /** A value the parameter or field accepts, as text. */
  private static String valid(String name, JsonNode schema) {
    return switch (name) {
      case "email" -> random.nextBoolean() ? user.email() : TestApi.uniqueEmail("fuzz");
      case "password", "current_password" -> TestApi.PASSWORD;
      case "new_password" -> random.nextBoolean() ? TestApi.PASSWORD : "another long secret";
      case "first_name", "last_name" -> pick(List.of("Ada", " Grace ", ""));
      case "code" -> String.format("%06d", random.nextInt(1_000_000));
      case "refresh_token" -> user.refreshToken();
      case "role" -> pick(List.of("USER", "ADMIN", "user", "admin"));
      case "email_verified" -> pick(List.of("true", "false", "TRUE"));
      case "created_after", "created_before" -> pick(List.of("2029-12-31T00:00:00Z",
          "2030-01-01T00:00:00.5+01:00", "2030-06-30T23:59:59-12:00"));
      case "limit" -> String.valueOf(1 + random.nextInt(100));
      case "cursor" -> cursor;
      case "version" -> String.valueOf(random.nextInt(4));
      default -> schema.path("type").asText().equals("integer") ? "1" : "x";
    };
  }

  /** A boundary or malformed value for the parameter or field, as text. */
  private static String hostile(String name, JsonNode schema) {
    return switch (name) {
      case "limit" -> pick(List.of("0", "101", "-1", "1.5", "1e2", "2147483648",
          "99999999999999999999", "abc", "", " 5", "0x10", "\u0665"));
      case "email_verified" -> pick(List.of("yes", "1", "", "null", "tru\u0065 ", "FALSE\u0000"));
      case "created_after", "created_before" -> pick(List.of("2030-01-01", "2030-13-01T00:00:00Z",
          "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00+18:00", "now", "0",
          "2030-01-01T00:00:00", "2030-01-01T24:00:00Z", "2030-02-30T00:00:00Z",
          "1970-01-01T00:00:00+25:00", "2030-01-01T00:00:00Z[Europe/Paris]"));
      case "role" -> pick(List.of("ROOT", "", "ADMIN ", "adm\u0131n", "U\u017FER", "USER,ADMIN",
          "0"));
      case "cursor" -> pick(List.of(mutate(cursor), "MTox", "%%%", "AAAA", "===", "a".repeat(5_000),
          java.util.Base64.getUrlEncoder().encodeToString(
              "31556889864403199:999999999:00000000-0000-0000-0000-000000000000".getBytes(
                  StandardCharsets.US_ASCII)),
          java.util.Base64.getUrlEncoder().encodeToString(
              "-1:-1:+0-0-0-0-0".getBytes(StandardCharsets.US_ASCII))));
      case "email" -> pick(List.of(mutate(user.email()), "a".repeat(255), "@", "a@b",
          user.email().toUpperCase(java.util.Locale.ROOT), "\u212A@example.com"));
      default -> schema.path("type").asText().equals("integer")
          ? pick(List.of("-1", "9223372036854775808", "1.5", "x"))
          : pick(STRANGE);
    };
  }

  /** A JSON object for the schema: each field absent, valid or malformed; now and then extra. */
  private static String body(JsonNode schema) {
    ObjectNode body = NODES.objectNode();
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    for (String name : DocumentedOperations.propertyNames(schema)) {
      JsonNode field = DocumentedOperations.resolve(schema.get("properties").get(name));
      int roll = random.nextInt(10);
      if (roll == 0 || (roll < 3 && !required.contains(name))) {
        continue; // missing
      }
      if (roll < 7) {
        String value = valid(name, field);
        body.set(name, field.path("type").asText().equals("integer")
            ? NODES.numberNode(Long.parseLong(value)) : NODES.textNode(value));
      } else {
        body.set(name, wrong(name, field));
      }
    }
    if (random.nextInt(10) == 0) {
      body.set(pick(List.of("extra", "id", "password_hash", "Email", "email ")), NODES.textNode(
          "x"));
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode wrong(String name, JsonNode field) {
    return switch (random.nextInt(9)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.numberNode(random.nextBoolean() ? -1 : Long.MAX_VALUE);
      case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
      case 3 -> NODES.booleanNode(true);
      case 4 -> NODES.arrayNode().add("x");
      case 5 -> NODES.objectNode().put("value", "x");
      default -> NODES.textNode(hostile(name, field));
    };
  }

  private static int send(Operation op, Request request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + app.api.port() + request.target()))
        .timeout(Duration.ofSeconds(30))
        .method(op.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(request.body()))
        .header("X-Forwarded-For", "198.20." + random.nextInt(250) + "." + random.nextInt(250));
    if (request.body() != null && !request.contentType().isEmpty()) {
      builder.header("Content-Type", request.contentType());
    }
    switch (request.auth()) {
      case "user" -> builder.header("Authorization", "Bearer " + user.accessToken());
      case "admin" -> builder.header("Authorization", "Bearer " + admin.accessToken());
      case "garbage" -> builder.header("Authorization", pick(List.of("Bearer x.y.z", "Bearer",
          "Basic dXNlcjpwYXNz", "Bearer " + mutateAscii(user.accessToken()))));
      default -> { }
    }
    try {
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(op.method() + " " + request.target() + " ["
          + request.auth() + ", " + request.contentType() + "] " + abbreviate(request.body()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void renewAccounts() {
    user = app.user();
    admin = app.admin();
    target = app.user();
    app.user(); // a few more rows, so the first page has a next cursor
    TestApi.Reply page = app.get("/users?limit=1", admin.accessToken());
    cursor = page.json().path("next_cursor").asText();
  }

  private static void appendQuery(StringBuilder query, String name, String value) {
    query.append(query.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String encodePath(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code text} with one to three characters replaced, inserted or removed. */
  private static String mutate(String text) {
    StringBuilder out = new StringBuilder(text);
    for (int i = random.nextInt(3); i >= 0; i--) {
      int at = random.nextInt(out.length() + 1);
      String piece = pick(STRANGE.subList(0, 30));
      if (at < out.length() && random.nextBoolean()) {
        out.replace(at, at + 1, piece);
      } else {
        out.insert(at, piece);
      }
    }
    return out.toString();
  }

  /** {@code text} with one to three printable ASCII characters changed (for headers). */
  private static String mutateAscii(String text) {
    StringBuilder out = new StringBuilder(text);
    for (int i = random.nextInt(3); i >= 0; i--) {
      out.setCharAt(random.nextInt(out.length()), (char) (0x21 + random.nextInt(0x5E)));
    }
    return out.toString();
  }

  private static <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static String pathOf(String target) {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }
}
