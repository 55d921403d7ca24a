package dev.userservice.adapter.inmemory;

import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.QueuedDelivery;
import dev.userservice.domain.port.WebhookDelivery;
import dev.userservice.domain.port.WebhookEndpoint;
import dev.userservice.domain.port.WebhookEndpoints;
import dev.userservice.domain.port.WebhookOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Webhook endpoints and their outbox in memory, behaving as the PostgreSQL adapters do: every
 * entry the given {@link InMemoryAuditTrail} records is queued for the enabled endpoints that
 * receive its type, and each write records its event in that trail. One lock, the trail's,
 * guards all state, so a write and its event are one step.
 */
public final class InMemoryWebhooks implements WebhookEndpoints, WebhookOutbox {

  private static final String PENDING = "pending";

  private final InMemoryAuditTrail trail;
  private final Map<WebhookId, Stored> endpoints = new LinkedHashMap<>();
  private final TreeMap<Long, Row> deliveries = new TreeMap<>();
  private long lastDeliveryId;

  private static final class Stored {
    WebhookEndpoint endpoint;
    byte[] secret;
    byte[] previousSecret;
    Instant previousUntil;
  }

  private static final class Row {
    long id;
    WebhookId endpoint;
    AuditEntry event;
    String type;
    String status = PENDING;
    int attempts;
    Instant nextAttemptAt;
    Instant lockedUntil;
    Integer lastStatus;
    String lastError;
    Instant lastAttemptAt;
    Instant createdAt;

    boolean about(Row other) {
      return event != null && other.event != null && event.subject() != null
          && event.subject().equals(other.event.subject());
    }
  }

  /** Endpoints whose events are those {@code trail} records. */
  public InMemoryWebhooks(InMemoryAuditTrail trail) {
    this.trail = Objects.requireNonNull(trail, "trail");
    trail.onRecorded(this::fanOut);
  }

  private void fanOut(AuditEntry entry) {
    for (Stored stored : endpoints.values()) {
      if (stored.endpoint.enabled() && stored.endpoint.receives(entry.type())) {
        Row row = newRow(stored.endpoint.id(), entry.type().wireName(), entry.at());
        row.event = entry;
      }
    }
  }

  private Row newRow(WebhookId endpoint, String type, Instant now) {
    Row row = new Row();
    row.id = ++lastDeliveryId;
    row.endpoint = endpoint;
    row.type = type;
    row.nextAttemptAt = now;
    row.createdAt = now;
    deliveries.put(row.id, row);
    return row;
  }

  @Override
  public void insert(WebhookEndpoint endpoint, byte[] sealedSecret, UserEvent event) {
    synchronized (trail) {
      Stored stored = new Stored();
      stored.endpoint = endpoint;
      stored.secret = sealedSecret.clone();
      endpoints.put(endpoint.id(), stored);
      trail.record(List.of(event));
    }
  }

  @Override
  public Optional<WebhookEndpoint> find(WebhookId id) {
    synchronized (trail) {
      return Optional.ofNullable(endpoints.get(id)).map(s -> s.endpoint);
    }
  }

  @Override
  public List<WebhookEndpoint> list() {
    synchronized (trail) {
      return endpoints.values().stream().map(s -> s.endpoint)
          .sorted(Comparator.comparing(WebhookEndpoint::createdAt)
              .thenComparing(e -> e.id().value()))
          .toList();
    }
  }

  @Override
  public void update(WebhookEndpoint endpoint, UserEvent event) {
    synchronized (trail) {
      stored(endpoint.id()).endpoint = endpoint;
      trail.record(List.of(event));
    }
  }

  @Override
  public void delete(WebhookId id, UserEvent event) {
    synchronized (trail) {
      stored(id);
      endpoints.remove(id);
      deliveries.values().removeIf(row -> row.endpoint.equals(id));
      trail.record(List.of(event));
    }
  }

  @Override
  public void rotateSecret(WebhookId id, byte[] sealedSecret, Instant previousUntil, Instant now,
      UserEvent event) {
    synchronized (trail) {
      Stored stored = stored(id);
      stored.previousSecret = stored.secret;
      stored.previousUntil = previousUntil;
      stored.secret = sealedSecret.clone();
      WebhookEndpoint e = stored.endpoint;
      stored.endpoint = withRun(e, e.enabled(), e.disabledReason(), e.consecutiveFailures(),
          e.failingSince(), now);
      trail.record(List.of(event));
    }
  }

  @Override
  public void recordSuccess(WebhookId id) {
    synchronized (trail) {
      Stored stored = endpoints.get(id);
      if (stored != null) {
        WebhookEndpoint e = stored.endpoint;
        stored.endpoint = withRun(e, e.enabled(), e.disabledReason(), 0, null, e.updatedAt());
      }
    }
  }

  @Override
  public boolean recordFailure(WebhookId id, Instant now, Duration disableAfter,
      UserEvent.WebhookDisabled disabled) {
    synchronized (trail) {
      Stored stored = endpoints.get(id);
      if (stored == null) {
        return false;
      }
      WebhookEndpoint e = stored.endpoint;
      boolean disable = e.enabled() && e.failingSince() != null
          && !e.failingSince().isAfter(now.minus(disableAfter));
      stored.endpoint = withRun(e, e.enabled() && !disable,
          disable ? disabled.reason() : e.disabledReason(), e.consecutiveFailures() + 1,
          e.failingSince() == null ? now : e.failingSince(), e.updatedAt());
      if (disable) {
        trail.record(List.of(disabled));
      }
      return disable;
    }
  }

  /** {@code e} with its state of delivery (and update time) replaced. */
  private static WebhookEndpoint withRun(WebhookEndpoint e, boolean enabled,
      String disabledReason, int failures, Instant failingSince, Instant updatedAt) {
    return new WebhookEndpoint(e.id(), e.url(), e.description(), e.types(), enabled,
        disabledReason, failures, failingSince, e.createdAt(), updatedAt);
  }

  @Override
  public List<QueuedDelivery> claim(int max, Instant now, Duration lease) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    synchronized (trail) {
      List<Row> due = deliveries.values().stream()
          .filter(row -> row.status.equals(PENDING) && !row.nextAttemptAt.isAfter(now)
              && (row.lockedUntil == null || !row.lockedUntil.isAfter(now))
              && endpoints.get(row.endpoint).endpoint.enabled()
              && deliveries.headMap(row.id).values().stream().noneMatch(earlier ->
                  earlier.status.equals(PENDING) && earlier.endpoint.equals(row.endpoint)
                      && earlier.about(row)))
          .sorted(Comparator.comparing((Row row) -> row.nextAttemptAt)
              .thenComparingLong(row -> row.id))
          .limit(max)
          .toList();
      List<QueuedDelivery> claimed = new ArrayList<>(due.size());
      for (Row row : due) {
        row.lockedUntil = now.plus(lease);
        Stored stored = endpoints.get(row.endpoint);
        List<byte[]> secrets = stored.previousSecret != null && stored.previousUntil.isAfter(now)
            ? List.of(stored.secret, stored.previousSecret) : List.of(stored.secret);
        claimed.add(new QueuedDelivery(row.id, row.endpoint, stored.endpoint.url(), secrets,
            row.attempts, row.createdAt, row.event));
      }
      return claimed;
    }
  }

  @Override
  public void markDelivered(long id, int status, Instant now) {
    finish(id, "delivered", status, null, now);
  }

  @Override
  public void markFailed(long id, Integer status, String error, Instant now, Instant retryAt) {
    synchronized (trail) {
      Row row = deliveries.get(id);
      if (row != null && row.status.equals(PENDING)) {
        attempted(row, status, error, now);
        row.nextAttemptAt = retryAt;
      }
    }
  }

  @Override
  public void markAbandoned(long id, Integer status, String error, Instant now) {
    finish(id, "abandoned", status, error, now);
  }

  private void finish(long id, String outcome, Integer status, String error, Instant now) {
    synchronized (trail) {
      Row row = deliveries.get(id);
      if (row != null && row.status.equals(PENDING)) {
        attempted(row, status, error, now);
        row.status = outcome;
      }
    }
  }

  private static void attempted(Row row, Integer status, String error, Instant now) {
    row.attempts++;
    row.lastStatus = status;
    row.lastError = error;
    row.lastAttemptAt = now;
    row.lockedUntil = null;
  }

  @Override
  public long enqueuePing(WebhookId endpoint, Instant now) {
    synchronized (trail) {
      return newRow(endpoint, "ping", now).id;
    }
  }

  @Override
  public List<WebhookDelivery> deliveries(WebhookId endpoint, Long beforeId, int limit) {
    synchronized (trail) {
      return (beforeId == null ? deliveries : deliveries.headMap(beforeId, false))
          .descendingMap().values().stream()
          .filter(row -> row.endpoint.equals(endpoint))
          .limit(limit)
          .map(row -> new WebhookDelivery(row.id, row.type,
              row.event == null ? null : row.event.id(), row.status, row.attempts,
              row.lastStatus, row.lastError, row.lastAttemptAt,
              row.status.equals(PENDING) ? row.nextAttemptAt : null, row.createdAt))
          .toList();
    }
  }

  @Override
  public void redeliver(WebhookId endpoint, long id, Instant now) {
    synchronized (trail) {
      Row row = deliveries.get(id);
      if (row == null || !row.endpoint.equals(endpoint)) {
        throw new NotFoundException("webhook " + endpoint + " has no delivery " + id);
      }
      row.status = PENDING;
      row.attempts = 0;
      row.nextAttemptAt = now;
      row.lockedUntil = null;
    }
  }

  @Override
  public Optional<Instant> oldestPending() {
    synchronized (trail) {
      return deliveries.values().stream()
          .filter(row -> row.status.equals(PENDING)
              && endpoints.get(row.endpoint).endpoint.enabled())
          .map(row -> row.createdAt)
          .min(Comparator.naturalOrder());
    }
  }

  private Stored stored(WebhookId id) {
    Stored stored = endpoints.get(id);
    if (stored == null) {
      throw new NotFoundException("no webhook " + id);
    }
    return stored;
  }
}
