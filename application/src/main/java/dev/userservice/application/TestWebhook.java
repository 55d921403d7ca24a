package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.WebhookOutbox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Sends a ping to a webhook endpoint, for administrators checking it. */
@Singleton
public final class TestWebhook {

  private final WebhookOutbox outbox;
  private final Webhooks webhooks;
  private final Clock clock;

  @Inject
  TestWebhook(WebhookOutbox outbox, Webhooks webhooks, Clock clock) {
    this.outbox = outbox;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /**
   * Queues a {@code ping} message for the endpoint, due at once (sent while it is enabled, as
   * any delivery).
   *
   * @return the delivery's id, to follow in its history
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such endpoint
   */
  public long ping(Actor actor, WebhookId id) {
    Authorization.requireAdmin(actor);
    webhooks.existing(id);
    return outbox.enqueuePing(id, clock.now());
  }
}
