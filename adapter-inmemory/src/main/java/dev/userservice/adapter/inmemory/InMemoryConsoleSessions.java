package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.ConsoleSession;
import dev.userservice.domain.port.ConsoleSessions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Console sessions in this process's memory: for tests and a single instance. Expired entries
 * are dropped when they are next looked up.
 */
@Singleton
public final class InMemoryConsoleSessions implements ConsoleSessions {

  private record Entry(ConsoleSession session, Instant lastUsed) {}

  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  @Inject
  public InMemoryConsoleSessions() {}

  @Override
  public void save(String idHash, ConsoleSession session, Duration idleTimeout, Instant now) {
    entries.put(idHash, new Entry(session, now));
  }

  @Override
  public Optional<ConsoleSession> use(String idHash, Duration idleTimeout, Instant now) {
    Entry used = entries.computeIfPresent(idHash, (id, entry) ->
        !now.isAfter(entry.lastUsed().plus(idleTimeout))
            && now.isBefore(entry.session().expiresAt()) ? new Entry(entry.session(), now) : null);
    return used == null ? Optional.empty() : Optional.of(used.session());
  }

  @Override
  public void remove(String idHash) {
    entries.remove(idHash);
  }
}
