package dev.userservice.application;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Writes to the audit trail the events held while it was unavailable (a logout, a failed login
 * during a database outage). Run it every few seconds; see {@link Events}.
 */
@Singleton
public final class RecordHeldEvents {

  private final Events events;

  @Inject
  RecordHeldEvents(Events events) {
    this.events = events;
  }

  /**
   * Writes every held event, oldest first.
   *
   * @return how many were written
   * @throws dev.userservice.domain.UnavailableException when the audit trail is still down; the
   *     rest stay held for the next run
   */
  public int record() {
    return events.recordHeld();
  }

  /** How many events wait for the audit trail. */
  public int held() {
    return events.heldCount();
  }
}
