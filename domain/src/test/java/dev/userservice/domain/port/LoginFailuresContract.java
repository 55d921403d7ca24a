package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.port.Race.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LoginFailures} must do: the failure throttle on password attempts. An adapter's
 * test extends this class and supplies {@link #newStore()}; {@link TokenStoreContract} runs it for
 * a store that plays every role.
 *
 * <p>Each test starts its clock at the real current time and only moves it forward by passing
 * later {@code now} values, so a store must compare its stored instants with the given
 * {@code now} and may use its own expiry (Redis TTLs) only to clean up. Keys are random per
 * test, so a shared store needs no flushing between tests.
 */
public abstract class LoginFailuresContract {

  private static final int RACERS = 50;

  private LoginFailures store;
  private Instant t0;

  /** A store for one test; it may be shared with other tests as long as it works. */
  protected abstract LoginFailures newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void freeAttempts_proceedAtOnce_thenEachFailureMakesTheNextWaitTwiceAsLong() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(15);

    for (int i = 0; i < 5; i++) {
      assertThat(reserve(account, 5, window, t0.plusMillis(i))).as("attempt %d", i).isEmpty();
    }
    Instant fifth = t0.plusMillis(4);
    assertThat(reserve(account, 5, window, fifth)).contains(Duration.ofSeconds(1));
    assertThat(reserve(account, 5, window, fifth.plusMillis(400)))
        .contains(Duration.ofMillis(600));

    Instant sixth = fifth.plusSeconds(1);
    assertThat(reserve(account, 5, window, sixth)).isEmpty();
    assertThat(reserve(account, 5, window, sixth)).contains(Duration.ofSeconds(2));
    Instant seventh = sixth.plusSeconds(2);
    assertThat(reserve(account, 5, window, seventh)).isEmpty();
    assertThat(reserve(account, 5, window, seventh)).contains(Duration.ofSeconds(4));
    assertThat(reserve(randomBucket(), 5, window, seventh)).isEmpty();
  }

  /**
   * Instances read their clocks before their attempts reach the store, so under load an attempt
   * stamped earlier may arrive after one stamped later. Below the limit nothing waits, whatever
   * the order: an attempt that imposed no wait must not refuse the ones stamped before it.
   */
  @Test
  void attemptsArrivingOutOfTimeOrder_belowTheLimit_allProceed() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(15);

    assertThat(reserve(account, 3, window, t0.plusMillis(50))).isEmpty();
    assertThat(reserve(account, 3, window, t0.plusMillis(20))).isEmpty();
    assertThat(reserve(account, 3, window, t0)).isEmpty();
    assertThat(reserve(account, 3, window, t0.plusMillis(10))).as("beyond the free attempts")
        .isPresent();
  }

  @Test
  void refusedAttempts_countNothing() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(15);
    reserve(account, 2, window, t0);
    reserve(account, 2, window, t0);
    for (int i = 0; i < 20; i++) {
      assertThat(reserve(account, 2, window, t0.plusMillis(i))).isPresent();
    }

    Instant waited = t0.plusSeconds(1);
    assertThat(reserve(account, 2, window, waited)).isEmpty();
    assertThat(reserve(account, 2, window, waited)).contains(Duration.ofSeconds(2));
  }

  @Test
  void attemptsReservedFromManyThreads_admitNoMoreThanTheFreeOnes() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(15);

    List<Outcome<Optional<Duration>>> outcomes =
        Race.run(RACERS, i -> reserve(account, 5, window, t0));

    assertThat(outcomes).allMatch(Outcome::succeeded);
    assertThat(outcomes).filteredOn(o -> o.value().isEmpty()).hasSize(5);
    assertThat(outcomes).filteredOn(o -> o.value().isPresent())
        .allSatisfy(o -> assertThat(o.value()).contains(Duration.ofSeconds(1)));
  }

  @Test
  void loginSucceeded_forgetsTheAccountsFailures_andTakesBackOneAttemptOfTheAddress() {
    String account = randomBucket();
    String address = randomBucket();
    Duration window = Duration.ofMinutes(15);
    for (int i = 0; i < 2; i++) {
      reserve(account, 3, window, t0);
      reserve(address, 3, window, t0);
    }

    store.loginSucceeded(account, address);
    store.loginSucceeded(randomBucket(), null);
    store.loginSucceeded(randomBucket(), randomBucket());

    for (int i = 0; i < 2; i++) {
      assertThat(reserve(account, 3, window, t0)).as("account attempt %d", i).isEmpty();
      assertThat(reserve(address, 3, window, t0)).as("address attempt %d", i).isEmpty();
    }
    assertThat(reserve(account, 3, window, t0)).isEmpty();
    assertThat(reserve(address, 3, window, t0)).isPresent();
  }

  @Test
  void clearLoginFailures_startsOver() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(15);
    reserve(account, 2, window, t0);
    reserve(account, 2, window, t0);
    assertThat(reserve(account, 2, window, t0)).isPresent();

    store.clearLoginFailures(account);
    store.clearLoginFailures(randomBucket());

    assertThat(reserve(account, 2, window, t0)).isEmpty();
    assertThat(reserve(account, 2, window, t0)).isEmpty();
    assertThat(reserve(account, 2, window, t0)).contains(Duration.ofSeconds(1));
  }

  @Test
  void wait_isCappedAtTheWindow() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(1);

    List<Duration> waits = new ArrayList<>();
    Instant now = t0;
    for (int i = 0; i < 7; i++) {
      assertThat(reserve(account, 1, window, now)).as("attempt %d", i).isEmpty();
      Duration wait = reserve(account, 1, window, now).orElseThrow();
      waits.add(wait);
      now = now.plus(wait).minusMillis(1);
      assertThat(reserve(account, 1, window, now)).contains(Duration.ofMillis(1));
      now = now.plusMillis(1);
    }

    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
        Duration.ofSeconds(32), window);
  }

  @Test
  void failures_areForgottenAWindowAfterTheLastOne() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(1);
    reserve(account, 3, window, t0);
    reserve(account, 3, window, t0.plusSeconds(30));
    Instant last = t0.plusSeconds(50);
    reserve(account, 3, window, last);
    Instant stillRemembered = last.plus(window).minusMillis(1);
    assertThat(reserve(account, 3, window, stillRemembered)).isEmpty();
    assertThat(reserve(account, 3, window, stillRemembered)).isPresent();

    Instant forgotten = stillRemembered.plus(window);
    for (int i = 0; i < 2; i++) {
      assertThat(reserve(account, 3, window, forgotten)).as("attempt %d", i).isEmpty();
    }
    assertThat(reserve(account, 3, window, forgotten)).isEmpty();
    assertThat(reserve(account, 3, window, forgotten)).isPresent();
  }

  // --- helpers --------------------------------------------------------------------------------

  private Optional<Duration> reserve(String key, int freeFailures, Duration window, Instant now) {
    return store.reserveLoginAttempt(key, freeFailures, window, now);
  }

  private static String randomBucket() {
    return "contract-test:" + UUID.randomUUID();
  }
}
