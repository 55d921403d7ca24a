package dev.userservice.domain.port;

import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.event.UserEvent;
import java.time.Instant;
import java.util.List;

/**
 * The durable record of events. An event that records a stored change is written by the
 * {@link UserRepository} in the same transaction as the change; this port writes the others
 * (a failed login, a logout) and reads and prunes the trail. Every method may throw
 * {@link UnavailableException} when the store cannot be reached in time.
 */
public interface AuditTrail {

  /** Stores {@code events}, all or none. */
  void record(List<UserEvent> events);

  /**
   * Entries matching {@code filter}, newest first (ties broken by id, descending), starting
   * after {@code after} (or from the newest when {@code null}), at most {@code limit}. A deep
   * page costs about the same as the first.
   */
  AuditPage list(AuditFilter filter, AuditCursor after, int limit);

  /**
   * Deletes every entry from before {@code cutoff}. Safe to run from several instances at once.
   *
   * @return how many entries were removed
   */
  int pruneBefore(Instant cutoff);
}
