package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.DatabaseErrors.translatingOutages;
import static dev.userservice.adapter.postgres.jooq.Tables.OAUTH_CLIENTS;

import dev.userservice.adapter.postgres.jooq.tables.records.OauthClientsRecord;
import dev.userservice.domain.ClientId;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.OAuthClients;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * {@link OAuthClients} on PostgreSQL: the {@code oauth_clients} table; each change and its event
 * ({@code audit_events}) in one transaction.
 */
@Singleton
public final class JooqOAuthClients implements OAuthClients {

  private final DSLContext dsl;
  private final RenderedStatements.AuditEvents auditEvents;

  @Inject
  public JooqOAuthClients(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.auditEvents = new RenderedStatements.AuditEvents(dsl);
  }

  @Override
  public void add(OAuthClient client, UserEvent created) {
    translatingOutages(() -> {
      try {
        Transactions.run(dsl, tx -> {
          tx.dsl().executeInsert(toRecord(client));
          tx.dsl().connection(connection -> auditEvents.insert(connection, List.of(created)));
        });
      } catch (DataAccessException e) {
        if (DatabaseErrors.isUniqueViolation(e, null)) {
          throw DatabaseErrors.conflict("a client with this id already exists");
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<OAuthClient> find(ClientId id) {
    return translatingOutages(() -> dsl.selectFrom(OAUTH_CLIENTS)
        .where(OAUTH_CLIENTS.ID.eq(id.value()))
        .fetchOptional(JooqOAuthClients::toClient));
  }

  @Override
  public List<OAuthClient> list() {
    return translatingOutages(() -> dsl.selectFrom(OAUTH_CLIENTS)
        .orderBy(OAUTH_CLIENTS.CREATED_AT.desc(), OAUTH_CLIENTS.ID.desc())
        .fetch(JooqOAuthClients::toClient));
  }

  @Override
  public boolean remove(ClientId id, UserEvent deleted) {
    return translatingOutages(() -> Transactions.result(dsl, tx -> {
      int rows = tx.dsl().deleteFrom(OAUTH_CLIENTS).where(OAUTH_CLIENTS.ID.eq(id.value()))
          .execute();
      if (rows > 0) {
        tx.dsl().connection(connection -> auditEvents.insert(connection, List.of(deleted)));
      }
      return rows > 0;
    }));
  }

  private static OauthClientsRecord toRecord(OAuthClient client) {
    return new OauthClientsRecord(client.id().value(), client.name(), client.scopes().text(),
        client.secretHash(), client.createdAt(),
        client.createdBy() == null ? null : client.createdBy().value());
  }

  private static OAuthClient toClient(OauthClientsRecord row) {
    return new OAuthClient(new ClientId(row.getId()), row.getName(), Scopes.parse(row.getScope()),
        row.getSecretHash(), row.getCreatedAt(),
        row.getCreatedBy() == null ? null : new UserId(row.getCreatedBy()));
  }
}
