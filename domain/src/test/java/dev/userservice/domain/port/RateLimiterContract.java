package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.port.Race.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} must do: rate limits. An adapter's test extends this class and
 * supplies {@link #newStore()}; {@link TokenStoreContract} runs it for a store that plays every
 * role.
 *
 * <p>Each test starts its clock at the real current time and only moves it forward by passing
 * later {@code now} values, so a store must compare its stored instants with the given
 * {@code now} and may use its own expiry (Redis TTLs) only to clean up. Keys are random per
 * test, so a shared store needs no flushing between tests.
 */
public abstract class RateLimiterContract {

  private static final int RACERS = 50;

  private RateLimiter store;
  private Instant t0;

  /** A store for one test; it may be shared with other tests as long as it works. */
  protected abstract RateLimiter newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void limit_allowsExactlyMaxEvents_thenSaysHowLongToWait() {
    String bucket = randomBucket();
    List<RateLimit> tenPerMinute = List.of(new RateLimit(10, Duration.ofMinutes(1)));

    for (int i = 0; i < 10; i++) {
      assertThat(store.tryAcquire(bucket, tenPerMinute, t0.plusMillis(i))).as("event %d", i)
          .isEmpty();
    }
    Optional<Duration> refused = store.tryAcquire(bucket, tenPerMinute, t0.plusMillis(10));

    assertThat(refused).hasValueSatisfying(wait -> assertThat(wait)
        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
    assertThat(store.tryAcquire(bucket, tenPerMinute, t0.plusMillis(10).plus(refused.get())))
        .isEmpty();
  }

  @Test
  void refusedEvents_countNothing() {
    String bucket = randomBucket();
    List<RateLimit> threePerMinute = List.of(new RateLimit(3, Duration.ofMinutes(1)));
    for (int i = 0; i < 3; i++) {
      store.tryAcquire(bucket, threePerMinute, t0);
    }
    for (int i = 1; i <= 20; i++) {
      assertThat(store.tryAcquire(bucket, threePerMinute, t0.plusSeconds(i))).isPresent();
    }

    Instant windowLater = t0.plus(Duration.ofMinutes(1)).plusMillis(1);
    for (int i = 0; i < 3; i++) {
      assertThat(store.tryAcquire(bucket, threePerMinute, windowLater)).isEmpty();
    }
    assertThat(store.tryAcquire(bucket, threePerMinute, windowLater)).isPresent();
  }

  @Test
  void window_slides_freeingEachEventAWindowAfterIt() {
    String bucket = randomBucket();
    List<RateLimit> fourPerMinute = List.of(new RateLimit(4, Duration.ofMinutes(1)));
    store.tryAcquire(bucket, fourPerMinute, t0);
    store.tryAcquire(bucket, fourPerMinute, t0);
    store.tryAcquire(bucket, fourPerMinute, t0.plusSeconds(30));
    store.tryAcquire(bucket, fourPerMinute, t0.plusSeconds(30));

    Optional<Duration> wait = store.tryAcquire(bucket, fourPerMinute, t0.plusSeconds(40));
    assertThat(wait).hasValueSatisfying(w ->
        assertThat(w).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20)));

    Instant firstTwoGone = t0.plusSeconds(60).plusMillis(1);
    assertThat(store.tryAcquire(bucket, fourPerMinute, firstTwoGone)).isEmpty();
    assertThat(store.tryAcquire(bucket, fourPerMinute, firstTwoGone)).isEmpty();
    assertThat(store.tryAcquire(bucket, fourPerMinute, firstTwoGone)).isPresent();
  }

  @Test
  void everyLimit_holdsAtOnce() {
    String bucket = randomBucket();
    List<RateLimit> resendLimits = List.of(
        new RateLimit(1, Duration.ofSeconds(60)), new RateLimit(5, Duration.ofHours(1)));

    assertThat(store.tryAcquire(bucket, resendLimits, t0)).isEmpty();
    assertThat(store.tryAcquire(bucket, resendLimits, t0.plusSeconds(1)))
        .hasValueSatisfying(w -> assertThat(w).isPositive()
            .isLessThanOrEqualTo(Duration.ofSeconds(60)));
    for (int i = 1; i < 5; i++) {
      assertThat(store.tryAcquire(bucket, resendLimits, t0.plusSeconds(61L * i)))
          .as("resend %d", i).isEmpty();
    }

    Instant sixth = t0.plusSeconds(61L * 5);
    Optional<Duration> hourly = store.tryAcquire(bucket, resendLimits, sixth);
    assertThat(hourly).hasValueSatisfying(w -> assertThat(w)
        .isGreaterThan(Duration.ofSeconds(60)).isLessThanOrEqualTo(Duration.ofHours(1)));
    assertThat(store.tryAcquire(bucket, resendLimits, sixth.plus(hourly.get()))).isEmpty();
  }

  @Test
  void buckets_areIndependent() {
    String one = randomBucket();
    String other = randomBucket();
    List<RateLimit> onePerMinute = List.of(new RateLimit(1, Duration.ofMinutes(1)));

    assertThat(store.tryAcquire(one, onePerMinute, t0)).isEmpty();
    assertThat(store.tryAcquire(other, onePerMinute, t0)).isEmpty();
    assertThat(store.tryAcquire(one, onePerMinute, t0)).isPresent();
  }

  @Test
  void limitRacedFromManyThreads_isNeverExceeded() {
    String bucket = randomBucket();
    List<RateLimit> tenPerMinute = List.of(new RateLimit(10, Duration.ofMinutes(1)));

    List<Outcome<Optional<Duration>>> outcomes =
        Race.run(RACERS, i -> store.tryAcquire(bucket, tenPerMinute, t0));

    assertThat(outcomes).allMatch(Outcome::succeeded);
    assertThat(outcomes).filteredOn(o -> o.value().isEmpty()).hasSize(10);
    assertThat(store.tryAcquire(bucket, tenPerMinute, t0.plusSeconds(1))).isPresent();
  }

  // --- helpers --------------------------------------------------------------------------------

  private static String randomBucket() {
    return "contract-test:" + UUID.randomUUID();
  }
}
