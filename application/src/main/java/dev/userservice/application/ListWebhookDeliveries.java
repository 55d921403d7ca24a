package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.port.WebhookDelivery;
import dev.userservice.domain.port.WebhookOutbox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/** A webhook endpoint's deliveries, newest first, one page at a time, for administrators. */
@Singleton
public final class ListWebhookDeliveries {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** One page; {@code nextCursor} is {@code null} on the last. */
  public record Page(List<WebhookDelivery> items, String nextCursor) {}

  private final WebhookOutbox outbox;
  private final Webhooks webhooks;

  @Inject
  ListWebhookDeliveries(WebhookOutbox outbox, Webhooks webhooks) {
    this.outbox = outbox;
    this.webhooks = webhooks;
  }

  /**
   * @param cursor the {@code nextCursor} of the previous page, or {@code null}
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such endpoint
   * @throws InvalidInputException for a limit out of range or a cursor not issued here
   */
  public Page list(Actor actor, WebhookId id, String cursor, int limit) {
    Authorization.requireAdmin(actor);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.of("limit", "must be between 1 and " + MAX_LIMIT);
    }
    Long before = null;
    if (cursor != null) {
      try {
        before = Long.parseLong(cursor);
      } catch (NumberFormatException e) {
        throw InvalidInputException.of("cursor", "is not a cursor this service issued");
      }
    }
    webhooks.existing(id);
    List<WebhookDelivery> found = outbox.deliveries(id, before, limit + 1);
    if (found.size() <= limit) {
      return new Page(found, null);
    }
    List<WebhookDelivery> page = found.subList(0, limit);
    return new Page(page, Long.toString(page.get(limit - 1).id()));
  }
}
