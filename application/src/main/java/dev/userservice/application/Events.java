package dev.userservice.application;

import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditTrail;
import dev.userservice.domain.port.EventListener;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The one way a use case emits an event. An event that records no stored change (a login, a
 * logout) is {@linkplain #publish published}: written to the audit trail, then told to the
 * listeners. An event that records a change goes with the change through {@link UserWrites},
 * which stores both in one transaction and then {@linkplain #announce announces} it.
 *
 * <p>Listeners run on the caller's thread, in order; one that throws is logged and skipped, and
 * never fails the use case, whose change is already stored.
 */
@Singleton
final class Events {

  private static final System.Logger LOG = System.getLogger(Events.class.getName());

  private final AuditTrail trail;
  private final List<EventListener> listeners;

  @Inject
  Events(AuditTrail trail, EventListeners listeners) {
    this.trail = trail;
    this.listeners = listeners.all();
  }

  /**
   * Records {@code event} in the audit trail and tells the listeners. Call it once the fact it
   * records has happened.
   *
   * @throws dev.userservice.domain.UnavailableException when the audit trail cannot be written;
   *     the fact stands, and no listener hears of it
   */
  void publish(UserEvent event) {
    trail.record(List.of(event));
    announce(event);
  }

  /** Tells the listeners of {@code event}, which the audit trail already holds. */
  void announce(UserEvent event) {
    for (EventListener listener : listeners) {
      try {
        listener.on(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "event listener " + listener.getClass().getName()
            + " failed on " + event.type().wireName() + "; the others still run", e);
      }
    }
  }
}
