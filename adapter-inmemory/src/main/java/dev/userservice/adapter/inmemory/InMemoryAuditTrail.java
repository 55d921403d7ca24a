package dev.userservice.adapter.inmemory;

import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditCursor;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditFilter;
import dev.userservice.domain.port.AuditPage;
import dev.userservice.domain.port.AuditTrail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The audit trail in memory, ordered and paged exactly as the PostgreSQL adapter does. One lock
 * guards all state. {@link InMemoryUserRepository} writes the events of its changes here.
 */
@Singleton
public final class InMemoryAuditTrail implements AuditTrail {

  private final NavigableMap<AuditCursor, AuditEntry> entries = new TreeMap<>(
      Comparator.comparing(AuditCursor::at).thenComparingLong(AuditCursor::id).reversed());
  private long lastId;
  private final List<Consumer<AuditEntry>> onRecorded = new CopyOnWriteArrayList<>();

  @Inject
  public InMemoryAuditTrail() {}

  @Override
  public synchronized void record(List<UserEvent> events) {
    for (UserEvent event : events) {
      AuditEntry entry = AuditEntry.of(++lastId, Objects.requireNonNull(event, "event"));
      entries.put(new AuditCursor(entry.at(), entry.id()), entry);
      onRecorded.forEach(hook -> hook.accept(entry));
    }
  }

  @Override
  public synchronized AuditPage list(AuditFilter filter, AuditCursor after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    Iterable<AuditEntry> rest = after == null ? entries.values()
        : entries.tailMap(after, false).values();
    List<AuditEntry> items = new ArrayList<>();
    for (AuditEntry entry : rest) {
      if (matches(filter, entry)) {
        if (items.size() == limit) {
          AuditEntry last = items.get(limit - 1);
          return new AuditPage(items, Optional.of(new AuditCursor(last.at(), last.id())));
        }
        items.add(entry);
      }
    }
    return new AuditPage(items, Optional.empty());
  }

  @Override
  public synchronized int pruneBefore(Instant cutoff) {
    int before = entries.size();
    entries.values().removeIf(entry -> entry.at().isBefore(cutoff));
    return before - entries.size();
  }

  /**
   * Has {@code hook} called with every entry recorded from now on, under this trail's lock (as
   * PostgreSQL's trigger queues webhook deliveries in the transaction that inserts an entry).
   */
  void onRecorded(Consumer<AuditEntry> hook) {
    onRecorded.add(hook);
  }

  /** Every entry, newest first; for tests. */
  public synchronized List<AuditEntry> entries() {
    return List.copyOf(entries.values());
  }

  private static boolean matches(AuditFilter filter, AuditEntry entry) {
    return (filter.subject() == null || filter.subject().equals(entry.subject()))
        && (filter.actor() == null || filter.actor().equals(entry.actor().id()))
        && (filter.types().isEmpty() || filter.types().contains(entry.type()))
        && (filter.after() == null || entry.at().isAfter(filter.after()))
        && (filter.before() == null || entry.at().isBefore(filter.before()));
  }
}
