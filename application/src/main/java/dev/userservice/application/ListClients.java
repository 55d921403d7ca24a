package dev.userservice.application;

import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.port.OAuthClients;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/** Lists the registered OAuth clients, for administrators. */
@Singleton
public final class ListClients {

  private final OAuthClients clients;

  @Inject
  ListClients(OAuthClients clients) {
    this.clients = clients;
  }

  /**
   * Every registered client, newest first (never a secret: only its hash is stored).
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   */
  public List<OAuthClient> list(ActorRequest query) {
    Authorization.requireAdmin(query.actor());
    return clients.list();
  }
}
