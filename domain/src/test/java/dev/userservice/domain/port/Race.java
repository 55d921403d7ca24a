package dev.userservice.domain.port;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs one task on many threads released at the same instant, and collects what each returned or
 * threw. The timeouts only keep a deadlocked adapter from hanging the build; nothing is timed.
 */
final class Race {

  private static final long PATIENCE_SECONDS = 60;

  private Race() {}

  /** What one racer got: a value, or the domain error it threw. */
  record Outcome<T>(T value, RuntimeException error) {

    boolean succeeded() {
      return error == null;
    }
  }

  static <T> List<Outcome<T>> run(int racers, IntFunction<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch ready = new CountDownLatch(racers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Outcome<T>>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          try {
            return new Outcome<>(task.apply(index), null);
          } catch (RuntimeException e) {
            return new Outcome<T>(null, e);
          }
        }));
      }
      if (!ready.await(PATIENCE_SECONDS, SECONDS)) {
        throw new AssertionError("the racers did not start");
      }
      go.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<Outcome<T>> future : futures) {
        outcomes.add(future.get(PATIENCE_SECONDS, SECONDS));
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while racing", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("a racer failed or never finished", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
