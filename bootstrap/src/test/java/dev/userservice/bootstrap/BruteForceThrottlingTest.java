package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Failed logins are counted in Redis, so two instances behind one load balancer throttle as one:
 * an attacker gains nothing by spreading guesses over instances.
 *
 * <p>Both instances share a key prefix of their own and believe {@code X-Forwarded-For} from
 * loopback, so each test speaks from a client address of its own. The first delay, after the
 * last free failure, is one second; each check is the very next request, made at once.
 */
class BruteForceThrottlingTest {

  private static final String PASSWORD = "correct horse battery";
  private static final int FREE_FAILURES_PER_ACCOUNT = 3;
  private static final int FREE_FAILURES_PER_ADDRESS = 6;

  private static RunningApp first;
  private static RunningApp second;

  @BeforeAll
  static void start() {
    Map<String, String> shared = Map.of(
        "FAKE_MAIL_ENABLED", "false",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("brute-force"),
        "LOGIN_FAILURES_PER_ACCOUNT", Integer.toString(FREE_FAILURES_PER_ACCOUNT),
        "RATE_LIMIT_PER_ADDRESS", Integer.toString(FREE_FAILURES_PER_ADDRESS),
        "TRUSTED_PROXIES", "127.0.0.1");
    first = RunningApp.start(shared);
    second = RunningApp.start(shared);
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  @Test
  @DisplayName("failures on one instance count on the other: the account is throttled on both")
  void accountThrottle_holdsAcrossInstances() {
    Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100.1");
    String email = EndToEndTest.unique("target");
    assertThat(first.post("/users", null, Map.of("email", email, "password", PASSWORD), from)
        .status()).isEqualTo(201);

    for (int i = 0; i < FREE_FAILURES_PER_ACCOUNT - 1; i++) {
      assertThat(login(first, email, "wrong guess " + i, from).status()).isEqualTo(401);
    }
    // Only the shared count makes this the last free failure.
    assertThat(login(second, email, "wrong guess on the other", from).status()).isEqualTo(401);

    assertThrottled(login(first, email, PASSWORD, from));
    assertThrottled(login(second, email, "yet another guess", from));
  }

  @Test
  @DisplayName("failures from one address count on both instances, whatever the account")
  void addressThrottle_holdsAcrossInstances() {
    Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100.2");
    for (int i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      RunningApp instance = i % 2 == 0 ? first : second;
      assertThat(login(instance, EndToEndTest.unique("guess"), PASSWORD, from).status())
          .isEqualTo(401);
    }

    assertThrottled(login(second, EndToEndTest.unique("guess"), PASSWORD, from));
    assertThat(login(second, EndToEndTest.unique("guess"), PASSWORD,
        Map.of("X-Forwarded-For", "198.51.100.3")).status())
        .as("another address is not affected").isEqualTo(401);
  }

  @Test
  @DisplayName("issue 17 #1: concurrent guesses on both instances get at most the free answers")
  void concurrentGuessesAgainstOneAccount_getAtMostTheFreeFailuresAnswered() throws Exception {
    Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100.4");
    String email = EndToEndTest.unique("raced");
    assertThat(first.post("/users", null, Map.of("email", email, "password", PASSWORD), from)
        .status()).isEqualTo(201);
    int guesses = 12;
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < guesses; i++) {
        RunningApp instance = i % 2 == 0 ? first : second;
        String guess = "wrong guess " + i;
        statuses.add(pool.submit(() -> {
          go.await();
          return login(instance, email, guess, from).status();
        }));
      }
      go.countDown();
      List<Integer> answered = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        answered.add(status.get(60, TimeUnit.SECONDS));
      }

      assertThat(answered).containsOnly(401, 429);
      assertThat(answered).filteredOn(status -> status == 401)
          .hasSize(FREE_FAILURES_PER_ACCOUNT);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("issue 17 #10: addresses of one IPv6 /64 share one per-address bucket")
  void addressThrottle_bucketsIpv6ByItsSlash64() {
    for (int i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      Map<String, String> from = Map.of("X-Forwarded-For", "2001:db8:17:10::" + (i + 1));
      assertThat(login(first, EndToEndTest.unique("guess"), PASSWORD, from).status())
          .isEqualTo(401);
    }

    assertThrottled(login(second, EndToEndTest.unique("guess"), PASSWORD,
        Map.of("X-Forwarded-For", "2001:db8:17:10:aaaa:bbbb:cccc:dddd")));
    assertThat(login(second, EndToEndTest.unique("guess"), PASSWORD,
        Map.of("X-Forwarded-For", "2001:db8:17:11::1")).status())
        .as("the next /64 is not affected").isEqualTo(401);
  }

  private static RunningApp.Reply login(RunningApp instance, String email, String password,
      Map<String, String> headers) {
    return instance.post("/security/login", null, Map.of("email", email, "password", password),
        headers);
  }

  private static void assertThrottled(RunningApp.Reply reply) {
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(429);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.text("type")).isEqualTo("urn:user-service:problem:throttled");
    assertThat(reply.header("Retry-After")).isNotNull();
    assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
  }
}
