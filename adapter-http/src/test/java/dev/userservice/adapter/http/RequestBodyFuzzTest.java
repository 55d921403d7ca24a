package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.userservice.adapter.http.DocumentedOperations.Operation;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.domain.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of request-body parsing: arbitrary bytes as the JSON body of
 * every operation that takes one, sent over a real socket to the API on the in-memory adapters.
 * Every answer is the operation's success or a 4xx its document lists; never a 5xx. A plain
 * {@code mvn verify} runs the seeds only; {@code scripts/fuzz.sh} fuzzes for real.
 *
 * <p>The first input byte picks the operation, the rest is the body. In the body {@code $R} stands
 * for the caller's live refresh token and {@code $P} for its password, so the fuzzer can get past
 * the credential checks.
 */
class RequestBodyFuzzTest {

  @RegisterExtension
  static final TestApi APP = TestApi.perClass();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<Operation> OPERATIONS = DocumentedOperations.all().stream()
      .filter(op -> op.body() != null).toList();
  private static final long MAX_BODY_BYTES = HttpSettings.DEFAULT_MAX_BODY_BYTES;
  private static final AtomicLong EXECUTIONS = new AtomicLong();
  private static final AtomicInteger ADDRESS = new AtomicInteger();
  private static final Map<String, Map<Integer, AtomicLong>> STATUSES = new ConcurrentHashMap<>();
  private static volatile Account user = APP.user();
  private static volatile Account unverified = APP.account(Role.USER, false);
  private static volatile Account admin = APP.admin();
  private static volatile Account target = APP.user();

  @AfterAll
  static void report() {
    Map<String, Map<Integer, AtomicLong>> sorted = new TreeMap<>(STATUSES);
    System.out.printf("RequestBodyFuzzTest: %d executions over %d operations; statuses %s%n",
        EXECUTIONS.get(), OPERATIONS.size(), sorted);
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "60s")
  void anyBody_getsTheSuccessOrADocumented4xx_neverA5xx(byte[] input) {
    EXECUTIONS.incrementAndGet();
    // The test's own client is no SSRF: tell Jazzer's detector so (each time: the detector is
    // installed afresh when fuzzing starts after the seeds).
    BugDetectors.allowNetworkConnections(RequestBodyFuzzTest::isTheApi);
    if (input.length == 0) {
      return;
    }
    Operation op = OPERATIONS.get(Math.floorMod(input[0], OPERATIONS.size()));
    byte[] body = substitute(Arrays.copyOfRange(input, 1, input.length));
    Account caller = caller(op);
    int status;
    try {
      status = send(op, caller, body);
    } catch (UncheckedIOException closed) {
      // Jetty answers 413 as soon as the headers or the first bytes say too large and closes
      // the connection; a client still sending may then see the close instead of the answer.
      assertThat((long) body.length).as("%s: %s", op.key(), closed).isGreaterThan(MAX_BODY_BYTES);
      return;
    }
    STATUSES.computeIfAbsent(op.key(), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();

    assertThat(status).as("%s with body %s", op.key(), printable(body)).isLessThan(500);
    assertThat(op.statuses()).as("%s with body %s answered %d", op.key(), printable(body), status)
        .contains(status);
    if (status == 401 && op.secured()) {
      renewAccounts(); // the body logged the caller out or changed its password: start afresh
    }
  }

  static Stream<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < OPERATIONS.size(); i++) {
      for (String body : List.of(validBody(OPERATIONS.get(i)), "", "null", "[]", "{}", "\"x\"",
          "1", "{\"unknown\":1}", "{\"email\":1}", "{\"email\":null,\"email\":null}", "{",
          "{\"first_name\":\"\\u0000\"}", "{\"code\":123456}", "{\"version\":-1}",
          "{\"version\":1e400}", "{\"role\":\"ROOT\"}", "{\"refresh_token\":\"$R\"}",
          "[".repeat(3000), "{\"password\":\"" + "x".repeat(20_000) + "\"}", "\uFEFF{}")) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] seed = new byte[bytes.length + 1];
        seed[0] = (byte) i;
        System.arraycopy(bytes, 0, seed, 1, bytes.length);
        seeds.add(seed);
      }
      seeds.add(new byte[] {(byte) i, (byte) 0xC3, (byte) 0x28, '{', (byte) 0xFF});
    }
    return seeds.stream();
  }

  /** A body the operation accepts from its caller here. */
  private static String validBody(Operation op) {
    return switch (op.key()) {
      case "POST /users" -> "{\"email\":\"new@example.com\",\"password\":\"$P\","
          + "\"first_name\":\"Ada\",\"last_name\":null}";
      case "PATCH /users/me" -> "{\"first_name\":\"Ada\",\"last_name\":\"\"}";
      case "PATCH /users/{id}" -> "{\"role\":\"admin\",\"version\":0}";
      case "POST /users/me/verification" -> "{\"code\":\"123456\"}";
      case "POST /security/login" -> "{\"email\":\"$E\",\"password\":\"$P\"}";
      case "POST /security/refresh", "POST /security/logout" -> "{\"refresh_token\":\"$R\"}";
      case "PUT /security/password" -> "{\"current_password\":\"$P\",\"new_password\":\"$P\"}";
      case "DELETE /users/me", "POST /users/me/mfa/totp" -> "{\"current_password\":\"$P\"}";
      case "POST /users/me/mfa/totp/confirm" -> "{\"code\":\"123456\"}";
      case "DELETE /users/me/mfa/totp" -> "{\"current_password\":\"$P\",\"code\":\"123456\"}";
      case "POST /security/login/mfa" -> "{\"challenge\":\"c\",\"code\":\"123456\"}";
      case "POST /security/password-reset" -> "{\"email\":\"$E\"}";
      case "POST /oauth2/clients" -> "{\"client_name\":\"fuzz\",\"scope\":\"a b\"}";
      case "POST /security/password-reset/confirm" ->
          "{\"email\":\"$E\",\"code\":\"000000\",\"new_password\":\"$P\"}";
      case "POST /webhooks" -> "{\"url\":\"" + TestApi.WEBHOOK_URL
          + "\",\"event_types\":[\"registered\"]}";
      case "POST /users/invitations" -> "{\"email\":\"new@example.com\",\"role\":\"user\"}";
      case "POST /security/invitation/accept" ->
          "{\"email\":\"$E\",\"code\":\"000000\",\"password\":\"$P\"}";
      case "PATCH /webhooks/{id}" -> "{\"enabled\":true,\"description\":\"x\"}";
      default -> throw new AssertionError("no valid body for " + op.key());
    };
  }

  private static Account caller(Operation op) {
    if (op.path().startsWith("/users/{id}") || op.path().startsWith("/oauth2/clients")
        || op.path().equals("/users/invitations")
        || op.path().startsWith("/webhooks")) {
      return admin;
    }
    return op.path().equals("/users/me/verification") ? unverified : user;
  }

  private static String path(Operation op) {
    return op.path().replace("{id}", target.id().toString());
  }

  private static int send(Operation op, Account caller, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + APP.api.port() + path(op)))
        .timeout(Duration.ofSeconds(30))
        .method(op.method(), HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json")
        .header("X-Forwarded-For", "198.19." + (ADDRESS.get() / 250 % 250) + "."
            + (ADDRESS.incrementAndGet() % 250 + 1));
    if (op.secured()) {
      request.header("Authorization", "Bearer " + caller.accessToken());
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isTheApi(String host, int port) {
    return port == APP.api.port() && (host.equals("localhost") || host.equals("127.0.0.1"));
  }

  private static byte[] substitute(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (!text.contains("$")) {
      return body;
    }
    return text.replace("$R", user.refreshToken()).replace("$P", TestApi.PASSWORD)
        .replace("$E", user.email()).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static synchronized void renewAccounts() {
    user = APP.user();
    unverified = APP.account(Role.USER, false);
    admin = APP.admin();
    target = APP.user();
  }

  private static String printable(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    return "\"" + text.replace("\n", "\\n") + "\"" + (body.length > 300 ? "..." : "");
  }
}
