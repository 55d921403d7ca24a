package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.port.WebhookEndpoint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Reads one webhook endpoint (never its secret), for administrators. */
@Singleton
public final class GetWebhook {

  private final Webhooks webhooks;

  @Inject
  GetWebhook(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  /**
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such endpoint
   */
  public WebhookEndpoint get(Actor actor, WebhookId id) {
    Authorization.requireAdmin(actor);
    return webhooks.existing(id);
  }
}
