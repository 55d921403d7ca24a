package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.OAuthClientsContract;

class InMemoryOAuthClientsTest extends OAuthClientsContract {

  @Override
  protected Store newStore() {
    InMemoryAuditTrail trail = new InMemoryAuditTrail();
    return new Store(new InMemoryOAuthClients(trail), trail);
  }
}
