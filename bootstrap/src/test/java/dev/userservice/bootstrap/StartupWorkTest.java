package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The rules a start keeps for its background work, which WiringTest checks on a real start. */
class StartupWorkTest {

  private final StartupWork work = new StartupWork();

  @Test
  void join_rethrowsTheTasksOwnFailure() {
    StartupWork.Task<String> failing = work.begin("failing", () -> {
      throw new IllegalStateException("no key");
    });

    assertThatThrownBy(failing::join).isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("no key");
  }

  @Test
  void abandon_closesWhatATaskOpened_unlessJoinHandedItOver() throws InterruptedException {
    CountDownLatch closedLeft = new CountDownLatch(1);
    AtomicBoolean closedTaken = new AtomicBoolean();
    work.<AutoCloseable>beginOpening("left", () -> closedLeft::countDown);
    StartupWork.Task<AutoCloseable> taken =
        work.beginOpening("taken", () -> () -> closedTaken.set(true));
    taken.join();

    work.abandon();

    assertThat(closedLeft.await(10, TimeUnit.SECONDS)).isTrue(); // a hang guard, not a timing check
    assertThat(closedTaken).isFalse();
  }

  @Test
  void abandon_waitsForATaskOnAResourceTheStartCloses() {
    AtomicBoolean migrated = new AtomicBoolean();
    work.beginUsing("migrate", () -> {
      RunningApp.pause(Duration.ofMillis(200));
      migrated.set(true);
    });

    work.abandon();

    assertThat(migrated).isTrue();
  }
}
