package dev.userservice.adapter.postgres;

import dev.userservice.domain.Sha256;
import dev.userservice.domain.port.JobLock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@link JobLock} on PostgreSQL: a transaction-level advisory lock
 * ({@code pg_try_advisory_xact_lock}) per job name, held while the job runs, so every instance
 * (or host application) sharing the database runs a job one at a time. The lock lives on a
 * connection of its own while the job uses others, so the pool needs at least two connections.
 */
@Singleton
public final class PostgresJobLock implements JobLock {

  private final DSLContext dsl;

  /** A lock over the database {@code dsl} reaches (see {@link PostgresDatabase#dsl()}). */
  @Inject
  public PostgresJobLock(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.userservice.domain.UnavailableException when the database cannot be reached
   */
  @Override
  public boolean runExclusively(String jobName, Runnable job) {
    Objects.requireNonNull(job, "job");
    long key = lockKey(jobName);
    return DatabaseErrors.translatingOutages(() -> Transactions.result(dsl, tx -> {
      Boolean locked = tx.dsl()
          .select(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class, DSL.val(key)))
          .fetchOne(0, Boolean.class);
      if (!Boolean.TRUE.equals(locked)) {
        return false;
      }
      job.run();
      return true;
    }));
  }

  /**
   * A stable 64-bit advisory-lock key for a job name (first 8 bytes of its SHA-256), the same
   * in every instance and release, so old and new instances exclude each other during a rollout.
   */
  static long lockKey(String jobName) {
    Objects.requireNonNull(jobName, "jobName");
    byte[] digest = Sha256.digest("user-service:" + jobName);
    long key = 0;
    for (int i = 0; i < 8; i++) {
      key = (key << 8) | (digest[i] & 0xFF);
    }
    return key;
  }
}
