package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ClientId;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.port.OAuthClients;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;

/** Reads one registered OAuth client, for administrators. */
@Singleton
public final class GetClient {

  /** Which client (as given; an id that cannot exist is simply not found), and who asks. */
  public record Query(Actor actor, String clientId) {

    public Query {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(clientId, "clientId");
    }
  }

  private final OAuthClients clients;

  @Inject
  GetClient(OAuthClients clients) {
    this.clients = clients;
  }

  /**
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws NotFoundException when there is no such client
   */
  public OAuthClient get(Query query) {
    Authorization.requireAdmin(query.actor());
    return find(clients, query.clientId());
  }

  static OAuthClient find(OAuthClients clients, String clientId) {
    Optional<OAuthClient> found = ClientId.isWellFormed(clientId)
        ? clients.find(new ClientId(clientId)) : Optional.empty();
    return found.orElseThrow(() -> new NotFoundException("no such client"));
  }
}
