package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobLock} must do. An adapter's test extends this class and supplies
 * {@link #newLock()}; job names are random per test, so a shared store needs no cleaning.
 */
public abstract class JobLockContract {

  private JobLock lock;
  private String job;

  /** A lock for one test. */
  protected abstract JobLock newLock();

  /** What another instance sharing {@code lock}'s store would use. */
  protected abstract JobLock anotherInstance(JobLock lock);

  @BeforeEach
  void freshLock() {
    lock = newLock();
    job = "job-" + UUID.randomUUID();
  }

  @Test
  void aFreeJob_runs_andItsLockIsReleasedAfterwards() {
    AtomicBoolean ran = new AtomicBoolean();

    assertThat(lock.runExclusively(job, () -> ran.set(true))).isTrue();
    assertThat(ran).isTrue();
    assertThat(lock.runExclusively(job, () -> { })).as("released when the job returned").isTrue();
  }

  @Test
  void whileOneHolderRunsAJob_anotherInstanceSkipsIt_butRunsOtherJobs() throws Exception {
    JobLock otherInstance = anotherInstance(lock);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean firstRan = new AtomicBoolean();
    Thread first = new Thread(() -> firstRan.set(lock.runExclusively(job, () -> {
      started.countDown();
      await(release);
    })));
    first.start();
    try {
      assertThat(started.await(10, TimeUnit.SECONDS)).as("first job started").isTrue();

      AtomicBoolean secondJobRan = new AtomicBoolean();
      assertThat(otherInstance.runExclusively(job, () -> secondJobRan.set(true))).isFalse();
      assertThat(lock.runExclusively(job, () -> secondJobRan.set(true))).isFalse();
      assertThat(secondJobRan).isFalse();
      assertThat(otherInstance.runExclusively(job + "-other", () -> { })).isTrue();
    } finally {
      release.countDown();
      first.join();
    }
    assertThat(firstRan).isTrue();
    assertThat(otherInstance.runExclusively(job, () -> { })).as("released").isTrue();
  }

  @Test
  void aJobThatThrows_passesItsExceptionOn_andReleasesTheLock() {
    IllegalStateException failure = new IllegalStateException("the job failed");

    assertThatThrownBy(() -> lock.runExclusively(job, () -> {
      throw failure;
    })).isSameAs(failure);
    assertThat(anotherInstance(lock).runExclusively(job, () -> { })).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
