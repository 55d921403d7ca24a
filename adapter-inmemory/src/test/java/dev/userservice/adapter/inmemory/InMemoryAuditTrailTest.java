package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.AuditTrailContract;

/** The audit trail contract in memory, written to by the in-memory user repository. */
class InMemoryAuditTrailTest extends AuditTrailContract {

  @Override
  protected Store newStore() {
    InMemoryAuditTrail trail = new InMemoryAuditTrail();
    return new Store(trail, new InMemoryUserRepository(trail));
  }
}
