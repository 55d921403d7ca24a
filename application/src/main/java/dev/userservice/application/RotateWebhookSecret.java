package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.WebhookEndpoints;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Gives a webhook endpoint a new signing secret, for administrators. */
@Singleton
public final class RotateWebhookSecret {

  /**
   * The new secret, never shown again, and until when the old one still signs beside it.
   */
  public record Rotated(String secret, Instant previousValidUntil) {}

  private final WebhookEndpoints endpoints;
  private final Webhooks webhooks;
  private final Clock clock;
  private final WebhookSettings settings;
  private final Events events;

  @Inject
  RotateWebhookSecret(WebhookEndpoints endpoints, Webhooks webhooks, Clock clock,
      WebhookSettings settings, Events events) {
    this.endpoints = endpoints;
    this.webhooks = webhooks;
    this.clock = clock;
    this.settings = settings;
    this.events = events;
  }

  /**
   * Makes a new secret the endpoint's; every message carries signatures by both until the grace
   * period ends, so the receiver can switch without losing one. {@code webhook_secret_rotated}
   * is stored with the change.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such endpoint
   */
  public Rotated rotate(Actor actor, WebhookId id, RequestContext request) {
    Authorization.requireAdmin(actor);
    Instant now = clock.now();
    Webhooks.Fresh secret = webhooks.generate(id);
    Instant previousUntil = now.plus(settings.secretGrace());
    UserEvent event = new UserEvent.WebhookSecretRotated(
        UserEvent.Meta.byAdmin(now, actor, request), id);
    endpoints.rotateSecret(id, secret.sealed(), previousUntil, now, event);
    events.announce(event);
    return new Rotated(secret.secret(), previousUntil);
  }
}
