package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.DatabaseErrors.translatingOutages;
import static dev.userservice.adapter.postgres.jooq.Tables.AUDIT_EVENTS;
import static dev.userservice.adapter.postgres.jooq.Tables.WEBHOOK_DELIVERIES;
import static dev.userservice.adapter.postgres.jooq.Tables.WEBHOOK_ENDPOINTS;
import static org.jooq.impl.DSL.selectOne;

import dev.userservice.adapter.postgres.jooq.tables.WebhookDeliveries;
import dev.userservice.adapter.postgres.jooq.tables.records.WebhookDeliveriesRecord;
import dev.userservice.adapter.postgres.jooq.tables.records.WebhookEndpointsRecord;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.QueuedDelivery;
import dev.userservice.domain.port.WebhookDelivery;
import dev.userservice.domain.port.WebhookOutbox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;

/**
 * {@link WebhookOutbox} on PostgreSQL: the {@code webhook_deliveries} table, which V8's trigger
 * fills as audit entries are inserted. A claim is one {@code UPDATE ... WHERE id IN (SELECT ...
 * FOR UPDATE SKIP LOCKED) RETURNING ...}, as {@link JooqMailOutbox}'s: rows another claimer holds
 * are skipped, not waited for, and the lease ({@code locked_until}) hides claimed rows after the
 * transaction ends. A pending row blocks the later rows of its endpoint and user, leased or not.
 */
@Singleton
public final class JooqWebhookOutbox implements WebhookOutbox {

  static final String PENDING = "pending";
  static final String DELIVERED = "delivered";
  static final String ABANDONED = "abandoned";
  static final String PING = "ping";
  private static final int MAX_ERROR_LENGTH = 1_000;
  private static final Comparator<WebhookDeliveriesRecord> DUE_ORDER =
      Comparator.comparing(WebhookDeliveriesRecord::getNextAttemptAt)
          .thenComparing(WebhookDeliveriesRecord::getId);

  private final DSLContext dsl;

  @Inject
  public JooqWebhookOutbox(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  @Override
  public List<QueuedDelivery> claim(int max, Instant now, Duration lease) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive: " + lease);
    }
    WebhookDeliveries d = WEBHOOK_DELIVERIES.as("d");
    WebhookDeliveries earlier = WEBHOOK_DELIVERIES.as("earlier");
    return translatingOutages(() -> {
      List<WebhookDeliveriesRecord> claimed = dsl.update(WEBHOOK_DELIVERIES)
          .set(WEBHOOK_DELIVERIES.LOCKED_UNTIL, now.plus(lease))
          .where(WEBHOOK_DELIVERIES.ID.in(dsl.select(d.ID).from(d)
              .where(d.STATUS.eq(PENDING))
              .and(d.NEXT_ATTEMPT_AT.le(now))
              .and(d.LOCKED_UNTIL.isNull().or(d.LOCKED_UNTIL.le(now)))
              .and(d.ENDPOINT_ID.in(dsl.select(WEBHOOK_ENDPOINTS.ID).from(WEBHOOK_ENDPOINTS)
                  .where(WEBHOOK_ENDPOINTS.ENABLED)))
              .andNotExists(selectOne().from(earlier)
                  .where(earlier.STATUS.eq(PENDING))
                  .and(earlier.ENDPOINT_ID.eq(d.ENDPOINT_ID))
                  .and(earlier.USER_ID.eq(d.USER_ID))
                  .and(earlier.ID.lt(d.ID)))
              .orderBy(d.NEXT_ATTEMPT_AT, d.ID)
              .limit(max)
              .forUpdate()
              .skipLocked()))
          .returning()
          .fetch();
      if (claimed.isEmpty()) {
        return List.of();
      }
      Map<UUID, WebhookEndpointsRecord> endpoints = dsl.selectFrom(WEBHOOK_ENDPOINTS)
          .where(WEBHOOK_ENDPOINTS.ID.in(claimed.stream()
              .map(WebhookDeliveriesRecord::getEndpointId).toList()))
          .fetchMap(WEBHOOK_ENDPOINTS.ID);
      Map<Long, AuditEntry> events = dsl.selectFrom(AUDIT_EVENTS)
          .where(AUDIT_EVENTS.ID.in(claimed.stream().map(WebhookDeliveriesRecord::getEventId)
              .filter(Objects::nonNull).toList()))
          .fetchMap(AUDIT_EVENTS.ID, JooqAuditTrail::entryOf);
      List<QueuedDelivery> due = new ArrayList<>(claimed.size());
      for (WebhookDeliveriesRecord row : claimed.stream().sorted(DUE_ORDER).toList()) {
        WebhookEndpointsRecord endpoint = endpoints.get(row.getEndpointId());
        AuditEntry event = row.getEventId() == null ? null : events.get(row.getEventId());
        if (endpoint == null || (row.getEventId() != null && event == null)) {
          continue; // the endpoint was deleted or the entry pruned since: the row went with it
        }
        List<byte[]> secrets = new ArrayList<>(2);
        secrets.add(endpoint.getSealedSecret());
        if (endpoint.getSealedPreviousSecret() != null
            && endpoint.getPreviousSecretUntil().isAfter(now)) {
          secrets.add(endpoint.getSealedPreviousSecret());
        }
        due.add(new QueuedDelivery(row.getId(), new WebhookId(endpoint.getId()),
            URI.create(endpoint.getUrl()), secrets, row.getAttempts(), row.getCreatedAt(),
            event));
      }
      return due;
    });
  }

  @Override
  public void markDelivered(long id, int status, Instant now) {
    translatingOutages(() -> finished(DELIVERED, status, null, now)
        .where(WEBHOOK_DELIVERIES.ID.eq(id))
        .and(WEBHOOK_DELIVERIES.STATUS.eq(PENDING))
        .execute());
  }

  @Override
  public void markFailed(long id, Integer status, String error, Instant now, Instant retryAt) {
    translatingOutages(() -> attempted(status, error, now)
        .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, retryAt)
        .where(WEBHOOK_DELIVERIES.ID.eq(id))
        .and(WEBHOOK_DELIVERIES.STATUS.eq(PENDING))
        .execute());
  }

  @Override
  public void markAbandoned(long id, Integer status, String error, Instant now) {
    translatingOutages(() -> finished(ABANDONED, status, error, now)
        .where(WEBHOOK_DELIVERIES.ID.eq(id))
        .and(WEBHOOK_DELIVERIES.STATUS.eq(PENDING))
        .execute());
  }

  @Override
  public long enqueuePing(WebhookId endpoint, Instant now) {
    return translatingOutages(() -> dsl.insertInto(WEBHOOK_DELIVERIES)
        .set(WEBHOOK_DELIVERIES.ENDPOINT_ID, endpoint.value())
        .set(WEBHOOK_DELIVERIES.EVENT_TYPE, PING)
        .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, now)
        .set(WEBHOOK_DELIVERIES.CREATED_AT, now)
        .returning(WEBHOOK_DELIVERIES.ID)
        .fetchSingle()
        .getId());
  }

  @Override
  public List<WebhookDelivery> deliveries(WebhookId endpoint, Long beforeId, int limit) {
    return translatingOutages(() -> dsl.selectFrom(WEBHOOK_DELIVERIES)
        .where(WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(endpoint.value()))
        .and(beforeId == null ? DSL.noCondition() : WEBHOOK_DELIVERIES.ID.lt(beforeId))
        .orderBy(WEBHOOK_DELIVERIES.ID.desc())
        .limit(limit)
        .fetch(row -> new WebhookDelivery(row.getId(), row.getEventType(), row.getEventId(),
            row.getStatus(), row.getAttempts(), row.getLastResponseStatus(),
            row.getLastError(), row.getLastAttemptAt(),
            PENDING.equals(row.getStatus()) ? row.getNextAttemptAt() : null,
            row.getCreatedAt())));
  }

  @Override
  public void redeliver(WebhookId endpoint, long id, Instant now) {
    int rows = translatingOutages(() -> dsl.update(WEBHOOK_DELIVERIES)
        .set(WEBHOOK_DELIVERIES.STATUS, PENDING)
        .set(WEBHOOK_DELIVERIES.ATTEMPTS, 0)
        .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, now)
        .setNull(WEBHOOK_DELIVERIES.LOCKED_UNTIL)
        .setNull(WEBHOOK_DELIVERIES.FINISHED_AT)
        .where(WEBHOOK_DELIVERIES.ID.eq(id))
        .and(WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(endpoint.value()))
        .execute());
    if (rows == 0) {
      throw new NotFoundException("webhook " + endpoint + " has no delivery " + id);
    }
  }

  @Override
  public Optional<Instant> oldestPending() {
    // An aggregate: always one row, NULL when nothing is pending.
    return translatingOutages(() -> Optional.ofNullable(dsl
        .select(DSL.min(WEBHOOK_DELIVERIES.CREATED_AT))
        .from(WEBHOOK_DELIVERIES)
        .where(WEBHOOK_DELIVERIES.STATUS.eq(PENDING))
        .and(WEBHOOK_DELIVERIES.ENDPOINT_ID.in(dsl.select(WEBHOOK_ENDPOINTS.ID)
            .from(WEBHOOK_ENDPOINTS).where(WEBHOOK_ENDPOINTS.ENABLED)))
        .fetchSingle()
        .value1()));
  }

  /** An attempt counted, its answer recorded and the lease released. */
  private UpdateSetMoreStep<WebhookDeliveriesRecord> attempted(Integer status, String error,
      Instant now) {
    return dsl.update(WEBHOOK_DELIVERIES)
        .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
        .set(WEBHOOK_DELIVERIES.LAST_RESPONSE_STATUS, status)
        .set(WEBHOOK_DELIVERIES.LAST_ERROR, truncate(error))
        .set(WEBHOOK_DELIVERIES.LAST_ATTEMPT_AT, now)
        .setNull(WEBHOOK_DELIVERIES.LOCKED_UNTIL);
  }

  private UpdateSetMoreStep<WebhookDeliveriesRecord> finished(String outcome, Integer status,
      String error, Instant now) {
    return attempted(status, error, now)
        .set(WEBHOOK_DELIVERIES.STATUS, outcome)
        .set(WEBHOOK_DELIVERIES.FINISHED_AT, now);
  }

  private static String truncate(String error) {
    if (error == null || error.length() <= MAX_ERROR_LENGTH) {
      return error;
    }
    return error.substring(0, MAX_ERROR_LENGTH);
  }
}
