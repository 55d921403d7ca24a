package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ClientId;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.port.OAuthClients;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

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
    return clients.find(idOf(query.clientId())).orElseThrow(GetClient::notFound);
  }

  /** The id {@code clientId} names; one that cannot be a client's is not found. */
  static ClientId idOf(String clientId) {
    if (!ClientId.isWellFormed(clientId)) {
      throw notFound();
    }
    return new ClientId(clientId);
  }

  static NotFoundException notFound() {
    return new NotFoundException("no such client");
  }
}
