package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ClientId;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.OAuthClients;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Deletes a registered OAuth client, for administrators. */
@Singleton
public final class DeleteClient {

  /**
   * A deletion of the client {@code clientId} (as given).
   *
   * @param request where the request came from, for the event ({@code null}: trusted code)
   */
  public record Command(Actor actor, String clientId, RequestContext request) {

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(clientId, "clientId");
      request = RequestContext.orNone(request);
    }
  }

  private final OAuthClients clients;
  private final Clock clock;
  private final Events events;

  @Inject
  DeleteClient(OAuthClients clients, Clock clock, Events events) {
    this.clients = clients;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Deletes the client: it can no longer authenticate, and the tokens it was issued stop
   * introspecting as active at once (a JWKS-only verifier still accepts them until they expire).
   * {@code client_deleted} is stored with the deletion.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws NotFoundException when there is no such client
   */
  public void delete(Command command) {
    Authorization.requireAdmin(command.actor());
    ClientId id = GetClient.idOf(command.clientId());
    UserEvent deleted = new UserEvent.ClientDeleted(
        RegisterClient.byAdmin(clock.now(), command.actor(), command.request()), id);
    if (!clients.remove(id, deleted)) {
      throw GetClient.notFound();
    }
    events.announce(deleted);
  }
}
