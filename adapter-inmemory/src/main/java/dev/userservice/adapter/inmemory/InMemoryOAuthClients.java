package dev.userservice.adapter.inmemory;

import dev.userservice.domain.ClientId;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.OAuthClients;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * OAuth clients in memory, listed exactly as the PostgreSQL adapter lists them. One lock guards
 * all state; the event of a change goes to the {@link InMemoryAuditTrail} given under it.
 */
@Singleton
public final class InMemoryOAuthClients implements OAuthClients {

  private static final Comparator<OAuthClient> NEWEST_FIRST =
      Comparator.comparing(OAuthClient::createdAt).reversed()
          .thenComparing(client -> client.id().value(), Comparator.reverseOrder());

  private final Map<ClientId, OAuthClient> byId = new HashMap<>();
  private final InMemoryAuditTrail audit;

  @Inject
  public InMemoryOAuthClients(InMemoryAuditTrail audit) {
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public synchronized void add(OAuthClient client, UserEvent created) {
    if (byId.containsKey(client.id())) {
      throw new ConflictException("a client with this id already exists");
    }
    audit.record(List.of(created));
    byId.put(client.id(), client);
  }

  @Override
  public synchronized Optional<OAuthClient> find(ClientId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized List<OAuthClient> list() {
    List<OAuthClient> all = new ArrayList<>(byId.values());
    all.sort(NEWEST_FIRST);
    return List.copyOf(all);
  }

  @Override
  public synchronized boolean remove(ClientId id, UserEvent deleted) {
    if (!byId.containsKey(id)) {
      return false;
    }
    audit.record(List.of(deleted));
    byId.remove(id);
    return true;
  }
}
