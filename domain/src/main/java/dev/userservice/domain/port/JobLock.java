package dev.userservice.domain.port;

/**
 * Keeps a periodic job (the purge, the prunes) to one runner at a time among every instance that
 * shares this lock's store, so several instances may schedule the same job and only one does the
 * work.
 */
public interface JobLock {

  /**
   * Runs {@code job} on the calling thread unless another holder is running the job called
   * {@code jobName} right now; never waits for that holder. The lock is released when
   * {@code job} returns or throws (its exception passes through).
   *
   * @return whether {@code job} ran
   * @throws dev.userservice.domain.UnavailableException when the lock's store cannot be reached
   *     (then {@code job} did not run)
   */
  boolean runExclusively(String jobName, Runnable job);
}
