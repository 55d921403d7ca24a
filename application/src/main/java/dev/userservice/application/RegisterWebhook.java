package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.WebhookEndpoint;
import dev.userservice.domain.port.WebhookEndpoints;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Registers an HTTP endpoint that receives events, for administrators. */
@Singleton
public final class RegisterWebhook {

  /**
   * A registration.
   *
   * @param types the event types it receives; empty for every type
   */
  public record Command(Actor actor, URI url, Set<EventType> types, String description,
      RequestContext request) {

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(url, "url");
      types = Set.copyOf(types);
      request = RequestContext.orNone(request);
    }

    /**
     * A registration from raw values; {@code types} {@code null} or empty for every type.
     *
     * @throws InvalidInputException naming every invalid field
     */
    public static Command parse(Actor actor, String url, List<String> types, String description,
        RequestContext request) {
      FieldErrors errors = new FieldErrors();
      URI target = errors.parse(() -> WebhookInput.url(url));
      Set<EventType> receives = errors.parse(() -> WebhookInput.types(types));
      String text = errors.parse(() -> WebhookInput.description(description));
      errors.throwIfAny();
      return new Command(actor, target, receives, text, request);
    }
  }

  /** The new endpoint and its signing secret, which is never shown again. */
  public record Registered(WebhookEndpoint endpoint, String secret) {}

  private final WebhookEndpoints endpoints;
  private final Webhooks webhooks;
  private final RandomSource random;
  private final Clock clock;
  private final Events events;

  @Inject
  RegisterWebhook(WebhookEndpoints endpoints, Webhooks webhooks, RandomSource random,
      Clock clock, Events events) {
    this.endpoints = endpoints;
    this.webhooks = webhooks;
    this.random = random;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Stores the endpoint, enabled, with a new signing secret; {@code webhook_created} is stored
   * with it. From then on every event of a type it receives is queued for it.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws InvalidInputException when the URL may not be a target (scheme, or an address that
   *     is not public)
   */
  public Registered register(Command command) {
    Authorization.requireAdmin(command.actor());
    webhooks.requireAllowed(command.url());
    var now = clock.now();
    WebhookEndpoint endpoint = WebhookEndpoint.register(WebhookId.generate(now, random.bytes(16)),
        command.url(), command.description(), command.types(), now);
    Webhooks.Fresh secret = webhooks.generate(endpoint.id());
    UserEvent event = new UserEvent.WebhookCreated(
        UserEvent.Meta.byAdmin(now, command.actor(), command.request()), endpoint.id());
    endpoints.insert(endpoint, secret.sealed(), event);
    events.announce(event);
    return new Registered(endpoint, secret.secret());
  }
}
