package dev.userservice.adapter.postgres;

import dev.userservice.domain.port.OAuthClientsContract;
import org.jooq.DSLContext;

/** The OAuth clients contract against PostgreSQL. */
class JooqOAuthClientsTest extends OAuthClientsContract {

  private final DSLContext dsl = TestDatabase.get().dsl();

  @Override
  protected Store newStore() {
    TestDatabase.clean();
    return new Store(new JooqOAuthClients(dsl), new JooqAuditTrail(dsl));
  }
}
