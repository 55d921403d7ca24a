package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.WebhookStoreContract;

class InMemoryWebhooksTest extends WebhookStoreContract {

  @Override
  protected Store newStore() {
    InMemoryAuditTrail trail = new InMemoryAuditTrail();
    InMemoryWebhooks webhooks = new InMemoryWebhooks(trail);
    return new Store(webhooks, webhooks, trail);
  }
}
