package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An attacker who tries emails must not learn which are registered: not from the status, the
 * body nor the headers (SPEC §3, brute force). Nor from the time the answer takes: that is shown
 * without a stopwatch, by the work each path does (an unknown email costs one password check, as
 * a wrong password does: {@code SessionsTest}; the check is against a decoy hash at the current
 * cost: {@code Argon2PasswordHasherTest}; a reset request looks nothing up before it answers:
 * {@code CodeHardeningTest}).
 */
class UserEnumerationTest {

  private static final String PASSWORD = "correct horse battery";
  /** Varies per request by design; everything else must match. */
  private static final Set<String> VARYING_HEADERS = Set.of("date", "x-request-id");

  private static RunningApp app;
  private static String known;

  @BeforeAll
  static void start() {
    app = RunningApp.start(Map.of(
        "FAKE_MAIL_ENABLED", "false",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("enumeration")));
    known = EndToEndTest.unique("known");
    assertThat(app.post("/users", null, Map.of("email", known, "password", PASSWORD)).status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("a wrong password and an unknown email get the same answer, headers included")
  void login_unknownEmailAndWrongPassword_answerAlike() {
    var wrongPassword = login(known);
    var unknownEmail = login(EndToEndTest.unique("nobody"));

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertSameAnswer(unknownEmail, wrongPassword);
  }

  @Test
  @DisplayName("a reset for a registered and for an unknown email get the same answer")
  void passwordReset_knownAndUnknownEmail_answerAlike() {
    var forKnown = app.post("/security/password-reset", null, Map.of("email", known));
    var forUnknown = app.post("/security/password-reset", null,
        Map.of("email", EndToEndTest.unique("nobody")));

    assertThat(forKnown.status()).isEqualTo(202);
    assertSameAnswer(forUnknown, forKnown);
    // A second request within the resend interval is throttled silently, not with a 429.
    assertSameAnswer(app.post("/security/password-reset", null, Map.of("email", known)), forKnown);
  }

  private static RunningApp.Reply login(String email) {
    return app.post("/security/login", null, Map.of("email", email, "password", "wrong " + PASSWORD));
  }

  /** Same status, same body but for the request id, same headers but for date and request id. */
  private static void assertSameAnswer(RunningApp.Reply actual, RunningApp.Reply expected) {
    assertThat(actual.status()).isEqualTo(expected.status());
    assertThat(withoutRequestId(actual)).isEqualTo(withoutRequestId(expected));
    assertThat(headers(actual)).isEqualTo(headers(expected));
  }

  private static Object withoutRequestId(RunningApp.Reply reply) {
    if (reply.json() == null) {
      return reply.raw().body();
    }
    ObjectNode body = reply.json().deepCopy();
    body.remove("request_id");
    return body;
  }

  private static Map<String, List<String>> headers(RunningApp.Reply reply) {
    Map<String, List<String>> headers = new TreeMap<>();
    reply.raw().headers().map().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!VARYING_HEADERS.contains(lower)) {
        headers.put(lower, values);
      }
    });
    return headers;
  }
}
