package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.WebhookOutbox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Sends a delivery again, for administrators (after the receiver was fixed). */
@Singleton
public final class RedeliverWebhook {

  private final WebhookOutbox outbox;
  private final Clock clock;

  @Inject
  RedeliverWebhook(WebhookOutbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Makes the delivery due at once with a fresh count of attempts; it keeps its message id, so a
   * receiver that already has it can tell.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when the endpoint has no such delivery
   */
  public void redeliver(Actor actor, WebhookId id, long delivery) {
    Authorization.requireAdmin(actor);
    outbox.redeliver(id, delivery, clock.now());
  }
}
