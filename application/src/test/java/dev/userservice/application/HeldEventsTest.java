package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.adapter.inmemory.InMemoryAuditTrail;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditCursor;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditFilter;
import dev.userservice.domain.port.AuditPage;
import dev.userservice.domain.port.AuditTrail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A published event records a fact that already happened, so an audit trail that is down never
 * fails it: the event is held and written, oldest first, once the trail is back.
 */
class HeldEventsTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private final Trail trail = new Trail();
  private final List<UserEvent> heard = new ArrayList<>();
  private final Events events = new Events(trail, EventListeners.of(heard::add));

  @Test
  void anEventPublishedWhileTheTrailIsDown_isHeard_heldAndRecordedLater_inOrder() {
    trail.down = true;
    UserEvent first = loggedOut(1);
    UserEvent second = loggedOut(2);

    events.publish(first);
    events.publish(second);

    assertThat(heard).containsExactly(first, second);
    assertThat(events.heldCount()).isEqualTo(2);
    assertThat(trail.attempts).as("the second waits behind the first, without a try").isEqualTo(1);
    assertThatThrownBy(events::recordHeld).isInstanceOf(UnavailableException.class);
    assertThat(events.heldCount()).isEqualTo(2);

    trail.down = false;
    assertThat(events.recordHeld()).isEqualTo(2);
    assertThat(events.heldCount()).isZero();
    assertThat(storedSubjects()).containsExactly(subject(2), subject(1)); // newest first

    events.publish(loggedOut(3));
    assertThat(storedSubjects()).hasSize(3);
    assertThat(events.recordHeld()).isZero();
  }

  @Test
  void whileEventsAreHeld_newOnesQueueBehindThem_evenIfTheTrailIsBack() {
    trail.down = true;
    events.publish(loggedOut(1));
    trail.down = false;

    events.publish(loggedOut(2));

    assertThat(storedSubjects()).isEmpty();
    assertThat(events.recordHeld()).isEqualTo(2);
    assertThat(trail.batches).containsExactly(2);
  }

  @Test
  void manyHeldEvents_areRecordedInBatches() {
    trail.down = true;
    int count = Events.RECORD_BATCH * 2 + 1;
    for (int i = 0; i < count; i++) {
      events.publish(loggedOut(i));
    }
    trail.down = false;

    assertThat(events.recordHeld()).isEqualTo(count);
    assertThat(trail.batches).containsExactly(Events.RECORD_BATCH, Events.RECORD_BATCH, 1);
  }

  @Test
  void beyondTheHoldLimit_anEventIsHeardButNotHeld() {
    trail.down = true;
    for (int i = 0; i <= Events.HOLD_LIMIT; i++) {
      events.publish(loggedOut(i));
    }

    assertThat(events.heldCount()).isEqualTo(Events.HOLD_LIMIT);
    assertThat(heard).hasSize(Events.HOLD_LIMIT + 1);
  }

  private List<UserId> storedSubjects() {
    return trail.delegate.list(AuditFilter.ANY, null, 100).items().stream()
        .map(AuditEntry::subject).toList();
  }

  private static UserEvent loggedOut(int n) {
    return new UserEvent.LoggedOut(UserEvent.Meta.bySelf(T0.plusSeconds(n), subject(n), null, null));
  }

  private static UserId subject(int n) {
    return new UserId(new UUID(0, n));
  }

  /** The in-memory trail, switchable off; counts the writes tried and the batch sizes. */
  private static final class Trail implements AuditTrail {

    final InMemoryAuditTrail delegate = new InMemoryAuditTrail();
    final List<Integer> batches = new ArrayList<>();
    volatile boolean down;
    int attempts;

    @Override
    public void record(List<UserEvent> events) {
      attempts++;
      if (down) {
        throw new UnavailableException("database", null);
      }
      batches.add(events.size());
      delegate.record(events);
    }

    @Override
    public AuditPage list(AuditFilter filter, AuditCursor after, int limit) {
      return delegate.list(filter, after, limit);
    }

    @Override
    public int pruneBefore(Instant cutoff) {
      return delegate.pruneBefore(cutoff);
    }
  }
}
