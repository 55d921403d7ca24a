package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.WebhookEndpoints;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Removes a webhook endpoint with its deliveries, for administrators. */
@Singleton
public final class DeleteWebhook {

  private final WebhookEndpoints endpoints;
  private final Clock clock;
  private final Events events;

  @Inject
  DeleteWebhook(WebhookEndpoints endpoints, Clock clock, Events events) {
    this.endpoints = endpoints;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Removes the endpoint; {@code webhook_deleted} is stored with the removal.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such endpoint
   */
  public void delete(Actor actor, WebhookId id, RequestContext request) {
    Authorization.requireAdmin(actor);
    UserEvent event = new UserEvent.WebhookDeleted(
        UserEvent.Meta.byAdmin(clock.now(), actor, request), id);
    endpoints.delete(id, event);
    events.announce(event);
  }
}
