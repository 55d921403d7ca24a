package dev.userservice.adapter.postgres;

import dev.userservice.domain.port.WebhookStoreContract;
import org.jooq.DSLContext;

/**
 * The webhook store contract against PostgreSQL: the deliveries V8's trigger queues as audit
 * entries are inserted, claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
class JooqWebhooksTest extends WebhookStoreContract {

  private final DSLContext dsl = TestDatabase.get().dsl();

  @Override
  protected Store newStore() {
    TestDatabase.clean();
    return new Store(new JooqWebhookEndpoints(dsl), new JooqWebhookOutbox(dsl),
        new JooqAuditTrail(dsl));
  }
}
