package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.port.WebhookEndpoint;
import dev.userservice.domain.port.WebhookEndpoints;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/** Lists the webhook endpoints, oldest first, for administrators. */
@Singleton
public final class ListWebhooks {

  private final WebhookEndpoints endpoints;

  @Inject
  ListWebhooks(WebhookEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator */
  public List<WebhookEndpoint> list(Actor actor) {
    Authorization.requireAdmin(actor);
    return endpoints.list();
  }
}
