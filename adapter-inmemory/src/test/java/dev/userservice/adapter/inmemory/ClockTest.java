package dev.userservice.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void systemClock_movesForward_atMicrosecondPrecision() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

    Instant now = new SystemClock().now();

    assertThat(now).isAfterOrEqualTo(before);
    assertThat(now).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  void manualClock_standsStill_untilSetOrAdvanced() {
    ManualClock clock = new ManualClock(T0);
    assertThat(clock.now()).isEqualTo(T0);

    assertThat(clock.advance(Duration.ofMinutes(10))).isEqualTo(T0.plusSeconds(600));
    assertThat(clock.now()).isEqualTo(T0.plusSeconds(600));

    clock.set(T0.minusSeconds(1));
    assertThat(clock.now()).isEqualTo(T0.minusSeconds(1));
  }

  @Test
  void manualClock_advancedFromManyThreads_losesNoStep() throws InterruptedException {
    ManualClock clock = new ManualClock(T0);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      threads.add(new Thread(() -> {
        for (int step = 0; step < 1_000; step++) {
          clock.advance(Duration.ofMillis(1));
        }
      }));
    }

    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(clock.now()).isEqualTo(T0.plusSeconds(8));
  }
}
