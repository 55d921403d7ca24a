package dev.userservice.adapter.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Starts tasks on their own threads at the same moment and collects what each returned or threw. */
final class Concurrently {

  /** What one task did: its value, or the exception it threw. */
  record Outcome<T>(T value, Throwable error) {}

  private Concurrently() {}

  static <T> List<Outcome<T>> run(int tasks, IntFunction<T> task) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(tasks);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Outcome<T>>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        int index = i;
        futures.add(threads.submit(() -> {
          start.await();
          try {
            return new Outcome<>(task.apply(index), null);
          } catch (RuntimeException e) {
            return new Outcome<T>(null, e);
          }
        }));
      }
      start.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<Outcome<T>> future : futures) {
        outcomes.add(future.get(60, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }
}
