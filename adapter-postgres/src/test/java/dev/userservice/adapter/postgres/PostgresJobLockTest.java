package dev.userservice.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.port.JobLock;
import dev.userservice.domain.port.JobLockContract;
import org.junit.jupiter.api.Test;

class PostgresJobLockTest extends JobLockContract {

  @Override
  protected JobLock newLock() {
    return TestDatabase.get().jobLock();
  }

  @Override
  protected JobLock anotherInstance(JobLock lock) {
    return new PostgresJobLock(TestDatabase.get().dsl());
  }

  @Test
  void aJobsKey_isTheFirst8BytesOfTheSha256OfItsName_asInEveryRelease() {
    // A rollout runs old and new instances side by side: they must agree on the key.
    assertThat(PostgresJobLock.lockKey("purge-unverified-users")).isEqualTo(6768632994903473966L);
  }
}
