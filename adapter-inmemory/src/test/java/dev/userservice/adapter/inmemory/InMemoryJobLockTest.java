package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.JobLock;
import dev.userservice.domain.port.JobLockContract;

class InMemoryJobLockTest extends JobLockContract {

  @Override
  protected JobLock newLock() {
    return new InMemoryJobLock();
  }

  @Override
  protected JobLock anotherInstance(JobLock lock) {
    return lock;
  }
}
