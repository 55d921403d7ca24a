package dev.userservice.domain.port;

import static dev.userservice.domain.port.TestUsers.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.ClientId;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OAuthClients} must do, with the {@link AuditTrail} its changes record their
 * events in. An adapter's test extends this class and supplies both over one empty store.
 */
public abstract class OAuthClientsContract {

  /** The clients and the audit trail their changes write to, both empty. */
  public record Store(OAuthClients clients, AuditTrail trail) {}

  private static final UserId ADMIN = new UserId(UUID.randomUUID());

  private OAuthClients clients;
  private AuditTrail trail;

  /** Called before every test; a database-backed store is emptied here. */
  protected abstract Store newStore();

  @BeforeEach
  void freshStore() {
    Store store = newStore();
    clients = store.clients();
    trail = store.trail();
  }

  @Test
  void addedClient_readsBackWithEveryField_andItsEventIsRecorded() {
    OAuthClient client = client("reporting-job", T0, "reports:read", "metrics:write");

    clients.add(client, created(client));

    assertThat(clients.find(client.id())).contains(client);
    assertThat(clients.find(new ClientId("unknown"))).isEmpty();
    List<AuditEntry> entries = trail.list(AuditFilter.ANY, null, 10).items();
    assertThat(entries).singleElement().satisfies(entry -> {
      assertThat(entry.type()).isEqualTo(EventType.CLIENT_CREATED);
      assertThat(entry.subject()).isNull();
      assertThat(entry.actor()).isEqualTo(new Initiator(Initiator.Kind.ADMIN, ADMIN));
      assertThat(entry.details()).containsEntry("client_id", client.id().value())
          .containsEntry("scope", "metrics:write reports:read");
    });
  }

  @Test
  void clientWithoutScopesOrCreator_readsBack() {
    OAuthClient client = new OAuthClient(new ClientId(newId()), "bare", Scopes.parse(null),
        "ab".repeat(32), T0, null);

    clients.add(client, created(client));

    assertThat(clients.find(client.id())).contains(client);
  }

  @Test
  void secondClientWithTheSameId_isAConflict_andRecordsNothing() {
    OAuthClient client = client("first", T0, "a");
    clients.add(client, created(client));
    OAuthClient twin = new OAuthClient(client.id(), "second", client.scopes(), client.secretHash(),
        T0.plusSeconds(1), ADMIN);

    assertThatThrownBy(() -> clients.add(twin, created(twin)))
        .isInstanceOf(ConflictException.class);

    assertThat(clients.find(client.id())).contains(client);
    assertThat(trail.list(AuditFilter.ANY, null, 10).items()).hasSize(1);
  }

  @Test
  void list_isNewestFirst() {
    OAuthClient old = client("old", T0, "a");
    OAuthClient newer = client("newer", T0.plusSeconds(60), "b");
    OAuthClient newest = client("newest", T0.plusSeconds(120), "c");
    for (OAuthClient client : List.of(newer, old, newest)) {
      clients.add(client, created(client));
    }

    assertThat(clients.list()).containsExactly(newest, newer, old);
  }

  @Test
  void remove_deletesTheClientWithItsEvent_andAnUnknownIdChangesNothing() {
    OAuthClient client = client("doomed", T0, "a");
    clients.add(client, created(client));

    assertThat(clients.remove(client.id(), deleted(client.id()))).isTrue();
    assertThat(clients.remove(client.id(), deleted(client.id()))).isFalse();

    assertThat(clients.find(client.id())).isEmpty();
    assertThat(clients.list()).isEmpty();
    assertThat(trail.list(AuditFilter.ANY, null, 10).items()).extracting(AuditEntry::type)
        .containsExactly(EventType.CLIENT_DELETED, EventType.CLIENT_CREATED);
  }

  private static OAuthClient client(String name, Instant createdAt, String... scopes) {
    return new OAuthClient(new ClientId(newId()), name, Scopes.ofClient(List.of(scopes)),
        "0123456789abcdef".repeat(4), createdAt, ADMIN);
  }

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
  }

  private static UserEvent.Meta byAdmin(Instant at) {
    return new UserEvent.Meta(at, null, new Initiator(Initiator.Kind.ADMIN, ADMIN), null,
        new RequestContext("192.0.2.1", "test", "req-1"));
  }

  private static UserEvent created(OAuthClient client) {
    return new UserEvent.ClientCreated(byAdmin(client.createdAt()), client.id(), client.name(),
        client.scopes());
  }

  private static UserEvent deleted(ClientId id) {
    return new UserEvent.ClientDeleted(byAdmin(T0.plusSeconds(300)), id);
  }
}
