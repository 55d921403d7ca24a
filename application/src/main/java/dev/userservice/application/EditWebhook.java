package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.WebhookEndpoint;
import dev.userservice.domain.port.WebhookEndpoints;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Changes a webhook endpoint's URL, event types, description or whether it is enabled. */
@Singleton
public final class EditWebhook {

  /** An edit of {@code target}; {@code null} fields are left as they are. */
  public record Command(Actor actor, WebhookId target, URI url, Set<EventType> types,
      String description, Boolean enabled, RequestContext request) {

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(target, "target");
      types = types == null ? null : Set.copyOf(types);
      request = RequestContext.orNone(request);
    }

    /**
     * An edit from raw values; {@code null} fields are left as they are, and an empty list of
     * types means every type.
     *
     * @throws InvalidInputException naming every invalid field
     */
    public static Command parse(Actor actor, WebhookId target, String url, List<String> types,
        String description, Boolean enabled, RequestContext request) {
      FieldErrors errors = new FieldErrors();
      URI newUrl = errors.parse(() -> url == null ? null : WebhookInput.url(url));
      Set<EventType> receives = errors.parse(() -> types == null ? null
          : WebhookInput.types(types));
      String text = errors.parse(() -> description == null ? null
          : WebhookInput.description(description));
      errors.throwIfAny();
      return new Command(actor, target, newUrl, receives, text, enabled, request);
    }
  }

  private final WebhookEndpoints endpoints;
  private final Webhooks webhooks;
  private final Clock clock;
  private final Events events;

  @Inject
  EditWebhook(WebhookEndpoints endpoints, Webhooks webhooks, Clock clock, Events events) {
    this.endpoints = endpoints;
    this.webhooks = webhooks;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Stores the change with {@code webhook_updated} (nothing when nothing changes). Enabling a
   * disabled endpoint resumes its pending deliveries and forgets its run of failures; events
   * that happened while it was disabled are not queued for it.
   *
   * @return the endpoint as stored
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws dev.userservice.domain.NotFoundException when there is no such endpoint
   * @throws InvalidInputException when a new URL may not be a target
   */
  public WebhookEndpoint edit(Command command) {
    Authorization.requireAdmin(command.actor());
    WebhookEndpoint before = webhooks.existing(command.target());
    if (command.url() != null) {
      webhooks.requireAllowed(command.url());
    }
    var now = clock.now();
    WebhookEndpoint after = before.edited(
        command.url() == null ? before.url() : command.url(),
        command.description() == null ? before.description() : command.description(),
        command.types() == null ? before.types() : command.types(),
        command.enabled() == null ? before.enabled() : command.enabled(), now);
    List<String> fields = new ArrayList<>();
    if (!after.url().equals(before.url())) {
      fields.add("url");
    }
    if (!after.description().equals(before.description())) {
      fields.add("description");
    }
    if (!after.types().equals(before.types())) {
      fields.add("event_types");
    }
    if (after.enabled() != before.enabled()) {
      fields.add("enabled");
    }
    if (fields.isEmpty()) {
      return before;
    }
    UserEvent event = new UserEvent.WebhookUpdated(
        UserEvent.Meta.byAdmin(now, command.actor(), command.request()), before.id(), fields);
    endpoints.update(after, event);
    events.announce(event);
    return after;
  }
}
