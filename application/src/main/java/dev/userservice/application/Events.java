package dev.userservice.application;

import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditTrail;
import dev.userservice.domain.port.EventListener;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The one way a use case emits an event. An event that records no stored change (a login, a
 * logout) is {@linkplain #publish published}: written to the audit trail, then told to the
 * listeners. An event that records a change goes with the change through {@link UserWrites},
 * which stores both in one transaction and then {@linkplain #announce announces} it.
 *
 * <p>A published event records something that has already happened (the session is ended, the
 * code is sent), so the audit trail being down must not turn it into an error the client would
 * retry: the event is held in memory, up to {@link #HOLD_LIMIT}, and {@link #recordHeld} writes
 * it later, oldest first. While any is held, new ones queue behind it without a wait on the
 * store. Held events are lost if the process dies; the logging listener has written each one.
 *
 * <p>Listeners run on the caller's thread, in order; one that throws is logged and skipped, and
 * never fails the use case, whose change is already stored.
 */
@Singleton
final class Events {

  static final int HOLD_LIMIT = 10_000;
  static final int RECORD_BATCH = 500;

  private static final System.Logger LOG = System.getLogger(Events.class.getName());

  private final AuditTrail trail;
  private final List<EventListener> listeners;
  /** Oldest first; only {@link #recordHeld} removes, from the head. Guarded by itself. */
  private final Deque<UserEvent> held = new ArrayDeque<>();
  /** Whether {@link #held} may be non-empty: the hot path reads this, not the lock. */
  private volatile boolean holding;
  private final Object recording = new Object();

  @Inject
  Events(AuditTrail trail, EventListeners listeners) {
    this.trail = trail;
    this.listeners = listeners.all();
  }

  /**
   * Records {@code event} in the audit trail, or holds it when the trail is unavailable (or
   * already holding others), and tells the listeners. Call it once the fact it records has
   * happened.
   */
  void publish(UserEvent event) {
    if (!holding) {
      try {
        trail.record(List.of(event));
        announce(event);
        return;
      } catch (UnavailableException e) {
        LOG.log(System.Logger.Level.WARNING, "audit trail unavailable ({0}); holding events to"
            + " record later", e.getMessage());
      }
    }
    hold(event);
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

  /**
   * Writes the held events to the audit trail, oldest first, in batches, until none is left.
   *
   * @return how many were written
   * @throws UnavailableException when the trail is still down; what is unwritten stays held
   */
  int recordHeld() {
    synchronized (recording) {
      int written = 0;
      List<UserEvent> batch;
      while (!(batch = nextBatch()).isEmpty()) {
        trail.record(batch);
        synchronized (held) {
          for (int i = 0; i < batch.size(); i++) {
            held.removeFirst();
          }
          holding = !held.isEmpty();
        }
        written += batch.size();
      }
      return written;
    }
  }

  /** How many events wait for the audit trail. */
  int heldCount() {
    synchronized (held) {
      return held.size();
    }
  }

  private void hold(UserEvent event) {
    synchronized (held) {
      if (held.size() < HOLD_LIMIT) {
        held.addLast(event);
        holding = true;
        return;
      }
    }
    LOG.log(System.Logger.Level.ERROR, "audit trail unavailable and " + HOLD_LIMIT
        + " events already held; " + event.type().wireName() + " for user "
        + event.meta().subject() + " at " + event.meta().at() + " is not recorded");
  }

  private List<UserEvent> nextBatch() {
    synchronized (held) {
      List<UserEvent> batch = new ArrayList<>(Math.min(held.size(), RECORD_BATCH));
      for (UserEvent event : held) {
        if (batch.size() == RECORD_BATCH) {
          break;
        }
        batch.add(event);
      }
      return batch;
    }
  }
}
