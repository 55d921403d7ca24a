package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.DatabaseErrors.translatingOutages;
import static dev.userservice.adapter.postgres.jooq.Tables.WEBHOOK_ENDPOINTS;

import dev.userservice.adapter.postgres.jooq.tables.records.WebhookEndpointsRecord;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.WebhookEndpoint;
import dev.userservice.domain.port.WebhookEndpoints;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * {@link WebhookEndpoints} on PostgreSQL: the {@code webhook_endpoints} table. Each write inserts
 * its event into {@code audit_events} in its transaction; V8's trigger queues every audit entry
 * for the endpoints that receive it.
 */
@Singleton
public final class JooqWebhookEndpoints implements WebhookEndpoints {

  private final DSLContext dsl;
  private final RenderedStatements.AuditEvents auditEvents;

  @Inject
  public JooqWebhookEndpoints(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.auditEvents = new RenderedStatements.AuditEvents(dsl);
  }

  @Override
  public void insert(WebhookEndpoint endpoint, byte[] sealedSecret, UserEvent event) {
    translatingOutages(() -> Transactions.run(dsl, tx -> {
      WebhookEndpointsRecord row = tx.dsl().newRecord(WEBHOOK_ENDPOINTS);
      row.setId(endpoint.id().value());
      row.setSealedSecret(sealedSecret);
      row.setCreatedAt(endpoint.createdAt());
      fill(row, endpoint);
      row.insert();
      record(tx.dsl(), event);
    }));
  }

  @Override
  public Optional<WebhookEndpoint> find(WebhookId id) {
    return translatingOutages(() -> dsl.selectFrom(WEBHOOK_ENDPOINTS)
        .where(WEBHOOK_ENDPOINTS.ID.eq(id.value()))
        .fetchOptional(JooqWebhookEndpoints::endpointOf));
  }

  @Override
  public List<WebhookEndpoint> list() {
    return translatingOutages(() -> dsl.selectFrom(WEBHOOK_ENDPOINTS)
        .orderBy(WEBHOOK_ENDPOINTS.CREATED_AT, WEBHOOK_ENDPOINTS.ID)
        .fetch(JooqWebhookEndpoints::endpointOf));
  }

  @Override
  public void update(WebhookEndpoint endpoint, UserEvent event) {
    translatingOutages(() -> Transactions.run(dsl, tx -> {
      WebhookEndpointsRecord row = tx.dsl().newRecord(WEBHOOK_ENDPOINTS);
      fill(row, endpoint);
      row.changed(WEBHOOK_ENDPOINTS.ID, false);
      int rows = tx.dsl().update(WEBHOOK_ENDPOINTS).set(row)
          .where(WEBHOOK_ENDPOINTS.ID.eq(endpoint.id().value()))
          .execute();
      requireFound(rows, endpoint.id());
      record(tx.dsl(), event);
    }));
  }

  @Override
  public void delete(WebhookId id, UserEvent event) {
    translatingOutages(() -> Transactions.run(dsl, tx -> {
      requireFound(tx.dsl().deleteFrom(WEBHOOK_ENDPOINTS)
          .where(WEBHOOK_ENDPOINTS.ID.eq(id.value()))
          .execute(), id);
      record(tx.dsl(), event);
    }));
  }

  @Override
  public void rotateSecret(WebhookId id, byte[] sealedSecret, Instant previousUntil, Instant now,
      UserEvent event) {
    translatingOutages(() -> Transactions.run(dsl, tx -> {
      requireFound(tx.dsl().update(WEBHOOK_ENDPOINTS)
          .set(WEBHOOK_ENDPOINTS.SEALED_PREVIOUS_SECRET, WEBHOOK_ENDPOINTS.SEALED_SECRET)
          .set(WEBHOOK_ENDPOINTS.PREVIOUS_SECRET_UNTIL, previousUntil)
          .set(WEBHOOK_ENDPOINTS.SEALED_SECRET, sealedSecret)
          .set(WEBHOOK_ENDPOINTS.UPDATED_AT, now)
          .where(WEBHOOK_ENDPOINTS.ID.eq(id.value()))
          .execute(), id);
      record(tx.dsl(), event);
    }));
  }

  @Override
  public void recordSuccess(WebhookId id) {
    translatingOutages(() -> dsl.update(WEBHOOK_ENDPOINTS)
        .set(WEBHOOK_ENDPOINTS.CONSECUTIVE_FAILURES, 0)
        .setNull(WEBHOOK_ENDPOINTS.FAILING_SINCE)
        .where(WEBHOOK_ENDPOINTS.ID.eq(id.value()))
        .and(WEBHOOK_ENDPOINTS.FAILING_SINCE.isNotNull())
        .execute());
  }

  @Override
  public boolean recordFailure(WebhookId id, Instant now, Duration disableAfter,
      UserEvent.WebhookDisabled disabled) {
    // The row is locked while the run is judged, so two workers' failures count as two.
    return translatingOutages(() -> Transactions.result(dsl, tx -> {
      DSLContext db = tx.dsl();
      WebhookEndpointsRecord row = db.selectFrom(WEBHOOK_ENDPOINTS)
          .where(WEBHOOK_ENDPOINTS.ID.eq(id.value()))
          .forUpdate()
          .fetchOne();
      if (row == null) {
        return false;
      }
      boolean disable = row.getEnabled() && row.getFailingSince() != null
          && !row.getFailingSince().isAfter(now.minus(disableAfter));
      db.update(WEBHOOK_ENDPOINTS)
          .set(WEBHOOK_ENDPOINTS.CONSECUTIVE_FAILURES,
              WEBHOOK_ENDPOINTS.CONSECUTIVE_FAILURES.plus(1))
          .set(WEBHOOK_ENDPOINTS.FAILING_SINCE,
              row.getFailingSince() == null ? now : row.getFailingSince())
          .set(WEBHOOK_ENDPOINTS.ENABLED, row.getEnabled() && !disable)
          .set(WEBHOOK_ENDPOINTS.DISABLED_REASON,
              disable ? disabled.reason() : row.getDisabledReason())
          .where(WEBHOOK_ENDPOINTS.ID.eq(id.value()))
          .execute();
      if (disable) {
        record(db, disabled);
      }
      return disable;
    }));
  }

  private void record(DSLContext db, UserEvent event) {
    db.connection(connection -> auditEvents.insert(connection, List.of(event)));
  }

  private static void requireFound(int rows, WebhookId id) {
    if (rows == 0) {
      throw new NotFoundException("no webhook " + id);
    }
  }

  private static void fill(WebhookEndpointsRecord row, WebhookEndpoint endpoint) {
    row.setUrl(endpoint.url().toString());
    row.setDescription(endpoint.description());
    row.setEventTypes(endpoint.types().isEmpty() ? null : endpoint.types().stream()
        .map(EventType::wireName).sorted().toArray(String[]::new));
    row.setEnabled(endpoint.enabled());
    row.setDisabledReason(endpoint.disabledReason());
    row.setConsecutiveFailures(endpoint.consecutiveFailures());
    row.setFailingSince(endpoint.failingSince());
    row.setUpdatedAt(endpoint.updatedAt());
  }

  static WebhookEndpoint endpointOf(WebhookEndpointsRecord row) {
    return new WebhookEndpoint(new WebhookId(row.getId()), URI.create(row.getUrl()),
        row.getDescription(), row.getEventTypes() == null ? java.util.Set.of()
            : Arrays.stream(row.getEventTypes()).map(EventType::ofWireName)
                .filter(Objects::nonNull).collect(Collectors.toSet()),
        row.getEnabled(), row.getDisabledReason(), row.getConsecutiveFailures(),
        row.getFailingSince(), row.getCreatedAt(), row.getUpdatedAt());
  }
}
