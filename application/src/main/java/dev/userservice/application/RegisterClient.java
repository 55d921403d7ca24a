package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ClientId;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.OAuthClients;
import dev.userservice.domain.port.RandomSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/** Registers an OAuth client (a service account), for administrators. */
@Singleton
public final class RegisterClient {

  /**
   * A client to register: its name and the scopes it may be granted (named as RFC 7591 names
   * them, {@code client_name} and {@code scope}, in errors).
   *
   * @param request where the request came from, for the event ({@code null}: trusted code)
   */
  public record Command(Actor actor, String name, Scopes scopes, RequestContext request) {

    /**
     * From raw values, as a client of the API sends them.
     *
     * @throws InvalidInputException naming every invalid field
     */
    public Command(Actor actor, String name, String scope, RequestContext request) {
      this(actor, new FieldErrors(), name, scope, request);
    }

    private Command(Actor actor, FieldErrors errors, String name, String scope,
        RequestContext request) {
      this(actor, errors.parse(() -> name(name)), errors.parse(() -> scopes(scope)),
          errors.throwIfAnyElse(request));
    }

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(scopes, "scopes");
      request = RequestContext.orNone(request);
    }

    private static String name(String name) {
      String stripped = name == null ? "" : name.strip();
      if (stripped.isEmpty() || stripped.length() > OAuthClient.MAX_NAME
          || stripped.chars().anyMatch(Character::isISOControl)) {
        throw InvalidInputException.of("client_name", "must be 1 to " + OAuthClient.MAX_NAME
            + " characters, without control characters");
      }
      return stripped;
    }

    /** Space-delimited, as OAuth writes scopes; absent or empty is none. */
    private static Scopes scopes(String scope) {
      try {
        return Scopes.ofClient(Scopes.parse(scope).values());
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.of("scope", "must be space-separated scope tokens"
            + " (RFC 6749 §3.3), at most " + Scopes.MAX + ", not " + Scopes.FIRST_PARTY + ": "
            + e.getMessage());
      }
    }
  }

  /** A client just registered, and its secret: shown this once, stored only hashed. */
  public record Registered(OAuthClient client, String secret) {

    @Override
    public String toString() {
      return "Registered[client=" + client + ", secret=***]";
    }
  }

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final OAuthClients clients;
  private final ClientAuthentication authentication;
  private final RandomSource random;
  private final Clock clock;
  private final Events events;

  @Inject
  RegisterClient(OAuthClients clients, ClientAuthentication authentication, RandomSource random,
      Clock clock, Events events) {
    this.clients = clients;
    this.authentication = authentication;
    this.random = random;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Registers a client with a new random id and a new 256-bit secret; {@code client_created} is
   * stored with it.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   */
  public Registered register(Command command) {
    Authorization.requireAdmin(command.actor());
    ClientId id = new ClientId(BASE64URL.encodeToString(random.bytes(16)));
    String secret = BASE64URL.encodeToString(random.bytes(32));
    Instant now = clock.now();
    OAuthClient client = new OAuthClient(id, command.name(), command.scopes(),
        authentication.hash(secret), now, command.actor().id());
    UserEvent created = new UserEvent.ClientCreated(byAdmin(now, command.actor(),
        command.request()), id, client.name(), client.scopes());
    clients.add(client, created);
    events.announce(created);
    return new Registered(client, secret);
  }

  /** An administrator acting on no account, but on a client. */
  static UserEvent.Meta byAdmin(Instant at, Actor actor, RequestContext request) {
    return new UserEvent.Meta(at, null, new Initiator(Initiator.Kind.ADMIN, actor.id()),
        actor.session(), request);
  }
}
