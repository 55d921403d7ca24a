package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An attacker who tries emails must not learn which are registered: not from the status, the
 * body, the headers, nor the time the answer takes (SPEC §3, brute force).
 *
 * <p>The timing checks are behaviour checks, not performance assertions: the instance hashes with
 * the production Argon2 cost, so a path that skipped the hash for unknown emails would answer
 * about one hash time faster. Medians of interleaved tries must differ by less than half of one
 * hash time, measured on this machine in the same test: generous for noise, yet well short of
 * what a skipped hash would show.
 */
class UserEnumerationTest {

  private static final String PASSWORD = "correct horse battery";
  private static final int TRIES = 15;
  /** Varies per request by design; everything else must match. */
  private static final Set<String> VARYING_HEADERS = Set.of("date", "x-request-id");

  private static final Argon2Settings PRODUCTION_COST = Argon2Settings.defaults();
  private static RunningApp app;
  private static String known;

  @BeforeAll
  static void start() {
    app = RunningApp.start(Map.of(
        "FAKE_MAIL_ENABLED", "false",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("enumeration"),
        "ARGON2_MEMORY_KIB", Integer.toString(PRODUCTION_COST.memoryKib()),
        "ARGON2_ITERATIONS", Integer.toString(PRODUCTION_COST.iterations()),
        "ARGON2_PARALLELISM", Integer.toString(PRODUCTION_COST.parallelism()),
        // Many tries from one address at one account: neither throttle may answer instead.
        "LOGIN_FAILURES_PER_ACCOUNT", "1000",
        "RATE_LIMIT_PER_ADDRESS", "100000"));
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
  @DisplayName("a wrong password and an unknown email take the same time, within noise")
  void login_unknownEmailAndWrongPassword_takeTheSameTime() {
    assertSameTimeWithinNoise("median login time: wrong password %s, unknown email %s, one hash %s",
        () -> login(known), () -> login(EndToEndTest.unique("nobody")));
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

  @Test
  @DisplayName("a reset for a registered and for an unknown email take the same time, within noise")
  void passwordReset_knownAndUnknownEmail_takeTheSameTime() {
    assertSameTimeWithinNoise("median reset-request time: registered %s, unknown %s, one hash %s",
        () -> app.post("/security/password-reset", null, Map.of("email", known)),
        () -> app.post("/security/password-reset", null,
            Map.of("email", EndToEndTest.unique("nobody"))));
  }

  /**
   * Interleaved tries of both kinds; their medians must differ by less than half of one hash.
   * A leak (one kind skipping the hash) differs by a whole hash every time, so a round that a
   * busy machine spoiled is measured again, up to three rounds; one clean round passes.
   */
  private static void assertSameTimeWithinNoise(String description,
      Supplier<RunningApp.Reply> knownKind, Supplier<RunningApp.Reply> unknownKind) {
    List<String> rounds = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      List<Long> knownTimes = new ArrayList<>();
      List<Long> unknownTimes = new ArrayList<>();
      interleave(knownKind, unknownKind, knownTimes, unknownTimes);
      long hash = oneHashNanos();
      long difference = Math.abs(median(knownTimes) - median(unknownTimes));
      rounds.add(String.format(Locale.ROOT, description, millis(median(knownTimes)),
          millis(median(unknownTimes)), millis(hash)));
      if (difference < hash / 2) {
        return;
      }
    }
    throw new AssertionError("timing differs by more than half a hash in every round: " + rounds);
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

  /** Runs both kinds alternately (after a warm-up), recording each request's wall time. */
  private static void interleave(Supplier<RunningApp.Reply> first,
      Supplier<RunningApp.Reply> second, List<Long> firstTimes, List<Long> secondTimes) {
    for (int i = 0; i < 3; i++) {
      first.get();
      second.get();
    }
    for (int i = 0; i < TRIES; i++) {
      boolean firstFirst = i % 2 == 0;
      time(firstFirst ? first : second, firstFirst ? firstTimes : secondTimes);
      time(firstFirst ? second : first, firstFirst ? secondTimes : firstTimes);
    }
  }

  private static void time(Supplier<RunningApp.Reply> request, List<Long> times) {
    long started = System.nanoTime();
    var reply = request.get();
    times.add(System.nanoTime() - started);
    assertThat(reply.status()).as(reply.raw().body()).isIn(202, 401);
  }

  /** The median time of one Argon2 verification at the instance's cost, on this machine now. */
  private static long oneHashNanos() {
    Argon2PasswordHasher hasher = new Argon2PasswordHasher(PRODUCTION_COST);
    PasswordHash hash = hasher.hash(Password.of(PASSWORD, "password"));
    Password wrong = Password.of("wrong " + PASSWORD, "password");
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long started = System.nanoTime();
      hasher.verify(wrong, hash);
      times.add(System.nanoTime() - started);
    }
    return median(times);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
