package dev.userservice.domain.port;

import static dev.userservice.domain.port.TestUsers.T0;
import static dev.userservice.domain.port.TestUsers.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditTrail} must do, with the {@link UserRepository} that writes the events of
 * its changes to it. An adapter's test extends this class and supplies both over one empty store.
 */
public abstract class AuditTrailContract {

  /** An audit trail and the repository whose writes record into it, both empty. */
  public record Store(AuditTrail trail, UserRepository users) {}

  private static final RequestContext FROM =
      new RequestContext("2001:db8::7", "Mozilla/5.0 (X11)", "req-42");
  private static final SessionId SESSION = new SessionId("AAAAAAAAAAAAAAAAAAAAAA");

  private AuditTrail trail;
  private UserRepository users;

  /** Called before every test; a database-backed store is emptied here. */
  protected abstract Store newStore();

  @BeforeEach
  void freshStore() {
    Store store = newStore();
    trail = store.trail();
    users = store.users();
  }

  @Test
  void recordedEvents_readBackWithEveryField_newestFirst() {
    UserId ada = new UserId(UUID.randomUUID());
    UserId admin = new UserId(UUID.randomUUID());
    var failed = new UserEvent.LoginFailed(UserEvent.Meta.anonymous(T0, ada, FROM),
        new Email("ada@example.com"), UserEvent.LoginFailed.Reason.WRONG_PASSWORD);
    var changed = new UserEvent.RoleChanged(new UserEvent.Meta(T0.plusSeconds(1), ada,
        new Initiator(Initiator.Kind.ADMIN, admin), SESSION, FROM), Role.USER, Role.ADMIN);
    var purged = new UserEvent.UserPurged(UserEvent.Meta.bySystem(T0.plusSeconds(2), ada));

    trail.record(List.of(failed, changed));
    trail.record(List.of(purged));

    List<AuditEntry> entries = trail.list(AuditFilter.ANY, null, 10).items();
    assertThat(entries).hasSize(3);
    assertThat(withoutIds(entries)).containsExactly(
        AuditEntry.of(0, purged), AuditEntry.of(0, changed), AuditEntry.of(0, failed));
    assertThat(entries.get(1).details())
        .isEqualTo(java.util.Map.of("old_role", "USER", "new_role", "ADMIN"));
    assertThat(entries.get(2).clientAddress()).isEqualTo("2001:db8::7");
    assertThat(entries).extracting(AuditEntry::id).doesNotHaveDuplicates();
  }

  @Test
  void pages_followEachOther_withoutGapsOrRepeats_evenWithinOneInstant() {
    List<UserEvent> events = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // Three events share each instant: the id breaks the tie.
      events.add(purged(T0.plusSeconds(i / 3), new UserId(UUID.randomUUID())));
    }
    trail.record(events);

    List<AuditEntry> seen = new ArrayList<>();
    AuditCursor cursor = null;
    int pages = 0;
    do {
      AuditPage page = trail.list(AuditFilter.ANY, cursor, 3);
      seen.addAll(page.items());
      cursor = page.next().orElse(null);
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(7);
    assertThat(seen).extracting(AuditEntry::id).doesNotHaveDuplicates();
    for (int i = 1; i < seen.size(); i++) {
      AuditEntry newer = seen.get(i - 1);
      AuditEntry older = seen.get(i);
      assertThat(newer.at().isAfter(older.at())
          || newer.at().equals(older.at()) && newer.id() > older.id()).isTrue();
    }
  }

  @Test
  void filters_bySubject_actor_types_andTime_combine() {
    UserId ada = new UserId(UUID.randomUUID());
    UserId bob = new UserId(UUID.randomUUID());
    UserId admin = new UserId(UUID.randomUUID());
    trail.record(List.of(
        new UserEvent.LoggedOut(UserEvent.Meta.bySelf(T0, ada, SESSION, FROM)),
        new UserEvent.UserDeleted(new UserEvent.Meta(T0.plusSeconds(10), bob,
            new Initiator(Initiator.Kind.ADMIN, admin), SESSION, FROM)),
        new UserEvent.PasswordChanged(UserEvent.Meta.bySelf(T0.plusSeconds(20), ada, SESSION,
            FROM)),
        purged(T0.plusSeconds(30), bob)));

    assertThat(types(new AuditFilter(ada, null, Set.of(), null, null)))
        .containsExactly(EventType.PASSWORD_CHANGED, EventType.LOGGED_OUT);
    assertThat(types(new AuditFilter(null, admin, Set.of(), null, null)))
        .containsExactly(EventType.USER_DELETED);
    assertThat(types(new AuditFilter(null, null,
        Set.of(EventType.USER_PURGED, EventType.LOGGED_OUT), null, null)))
        .containsExactly(EventType.USER_PURGED, EventType.LOGGED_OUT);
    assertThat(types(new AuditFilter(null, null, Set.of(), T0, T0.plusSeconds(30))))
        .as("both bounds exclusive")
        .containsExactly(EventType.PASSWORD_CHANGED, EventType.USER_DELETED);
    assertThat(types(new AuditFilter(bob, null, Set.of(EventType.USER_PURGED), null, null)))
        .containsExactly(EventType.USER_PURGED);
    assertThat(types(new AuditFilter(ada, null, Set.of(EventType.USER_PURGED), null, null)))
        .isEmpty();
  }

  @Test
  void prune_removesOnlyEntriesBeforeTheCutoff() {
    UserId ada = new UserId(UUID.randomUUID());
    trail.record(List.of(purged(T0, ada), purged(T0.plusSeconds(60), ada)));

    assertThat(trail.pruneBefore(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(trail.list(AuditFilter.ANY, null, 10).items()).extracting(AuditEntry::at)
        .containsExactly(T0.plusSeconds(60));
    assertThat(trail.pruneBefore(T0.plusSeconds(60))).isZero();
  }

  // --- written with the user changes they record ----------------------------------------------

  @Test
  void theEventsOfEveryUserWrite_areInTheTrail() {
    User ada = user().build();
    users.insert(ada, List.of(new UserEvent.Registered(meta(ada.id()), ada.email())));
    User changed = users.update(ada.withRole(Role.ADMIN, T0), List.of(
        new UserEvent.RoleChanged(meta(ada.id()), Role.USER, Role.ADMIN)));
    User bob = user().createdAt(T0.minusSeconds(3600)).build();
    users.insert(bob, List.of(new UserEvent.Registered(meta(bob.id()), bob.email())));
    users.deleteNeverVerifiedCreatedBefore(T0,
        id -> new UserEvent.UserPurged(UserEvent.Meta.bySystem(T0, id)));
    User carol = user().build();
    users.insert(carol);
    users.delete(carol.id(), List.of(new UserEvent.UserDeleted(meta(carol.id()))));

    assertThat(changed.role()).isEqualTo(Role.ADMIN);
    assertThat(trail.list(AuditFilter.ANY, null, 10).items()).extracting(AuditEntry::type)
        .containsExactlyInAnyOrder(EventType.REGISTERED, EventType.ROLE_CHANGED,
            EventType.REGISTERED, EventType.USER_PURGED, EventType.USER_DELETED);
    assertThat(trail.list(new AuditFilter(bob.id(), null, Set.of(EventType.USER_PURGED), null,
        null), null, 10).items()).hasSize(1);
  }

  @Test
  void aRefusedUserWrite_recordsNoneOfItsEvents() {
    User ada = user().build();
    users.insert(ada);
    User twin = user().email(ada.email().value()).build();

    assertThatThrownBy(() -> users.insert(twin, List.of(
        new UserEvent.Registered(meta(twin.id()), twin.email()))))
        .isInstanceOf(ConflictException.class);
    User stale = ada.withRole(Role.ADMIN, T0);
    users.update(ada.withRole(Role.USER, T0.plusSeconds(1)), List.of(
        new UserEvent.ProfileUpdated(meta(ada.id()), List.of())));
    assertThatThrownBy(() -> users.update(stale, List.of(
        new UserEvent.RoleChanged(meta(ada.id()), Role.USER, Role.ADMIN))))
        .isInstanceOf(ConflictException.class);

    assertThat(trail.list(AuditFilter.ANY, null, 10).items()).extracting(AuditEntry::type)
        .containsExactly(EventType.PROFILE_UPDATED);
  }

  private UserEvent.Meta meta(UserId subject) {
    return UserEvent.Meta.bySelf(T0, subject, SESSION, FROM);
  }

  private static UserEvent purged(Instant at, UserId id) {
    return new UserEvent.UserPurged(UserEvent.Meta.bySystem(at, id));
  }

  private List<EventType> types(AuditFilter filter) {
    return trail.list(filter, null, 100).items().stream().map(AuditEntry::type).toList();
  }

  private static List<AuditEntry> withoutIds(List<AuditEntry> entries) {
    return entries.stream().map(e -> new AuditEntry(0, e.at(), e.type(), e.subject(), e.actor(),
        e.session(), e.clientAddress(), e.userAgent(), e.requestId(), e.details())).toList();
  }
}
