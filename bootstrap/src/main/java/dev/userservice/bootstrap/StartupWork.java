package dev.userservice.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow parts of a start (connecting to Redis, loading AWS-LC, reading the common-password
 * list, migrating the database), each begun on a thread of its own so that they overlap with one
 * another and with building the rest: start-up is mostly class loading and first runs, and each
 * of these is a large share of it (docs/performance.md, "Start-up work in parallel"). The rules
 * it keeps:
 *
 * <ul>
 *   <li>{@link Task#join} waits for a task and rethrows its failure as it was thrown;
 *   <li>after a failed start, {@link #abandon} waits for each task that works on a resource the
 *       start is about to close (the migration, on the pool), and closes each resource a task
 *       opened that nobody took (a Redis connection, when it is open), so a failed start leaves
 *       no thread working on a closed resource and no connection behind.
 * </ul>
 */
final class StartupWork {

  private static final Logger log = LoggerFactory.getLogger(StartupWork.class);

  private final List<Runnable> onAbandon = new ArrayList<>();

  /** Begins {@code work}; after a failed start its result is dropped. */
  <T> Task<T> begin(String thread, Supplier<T> work) {
    return new Task<>(thread, work);
  }

  /**
   * Begins {@code work}, which opens a resource; after a failed start the resource is closed
   * once it is open, unless {@link Task#join} has handed it over.
   */
  <T extends AutoCloseable> Task<T> beginOpening(String thread, Supplier<T> work) {
    Task<T> task = new Task<>(thread, work);
    onAbandon.add(() -> {
      if (!task.joined) {
        task.future.thenAccept(StartupWork::closeQuietly);
      }
    });
    return task;
  }

  /**
   * Begins {@code work} on a resource that the start owns and closes when it fails (the
   * migration, on the pool); after a failed start the clean-up waits for it to end first.
   */
  Task<Void> beginUsing(String thread, Runnable work) {
    Task<Void> task = new Task<>(thread, () -> {
      work.run();
      return null;
    });
    onAbandon.add(() -> task.future.exceptionally(failed -> null).join());
    return task;
  }

  /** After a failed start, before the start closes its resources: see the class's rules. */
  void abandon() {
    onAbandon.forEach(Runnable::run);
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      log.warn("while closing {} after a failed start: {}", resource.getClass().getSimpleName(),
          e.toString());
    }
  }

  /** One piece of start-up work on a thread of its own, named for thread dumps. */
  static final class Task<T> {

    private final CompletableFuture<T> future;
    private volatile boolean joined;

    private Task(String thread, Supplier<T> work) {
      this.future = CompletableFuture.supplyAsync(work,
          runnable -> new Thread(runnable, thread).start());
    }

    /** Waits for the work's result; its failure is rethrown as it was thrown. */
    T join() {
      T result;
      try {
        result = future.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
      joined = true;
      return result;
    }
  }
}
