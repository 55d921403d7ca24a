package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.JobLock;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link JobLock} within this process: enough for one instance, or for tests. Instances that
 * share a database need the database's lock (adapter-postgres' {@code PostgresJobLock}).
 */
@Singleton
public final class InMemoryJobLock implements JobLock {

  private final Set<String> running = ConcurrentHashMap.newKeySet();

  @Override
  public boolean runExclusively(String jobName, Runnable job) {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(job, "job");
    if (!running.add(jobName)) {
      return false;
    }
    try {
      job.run();
      return true;
    } finally {
      running.remove(jobName);
    }
  }
}
