package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Actor;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.CodeCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The duties {@link UserWrites} does after every stored change, read from the change itself. */
class UserWritesTest {

  private final ServiceFixture fixture = new ServiceFixture();
  private final UserWrites writes = new UserWrites(fixture.users, fixture.tokenStore,
      fixture.tokenStore, new Events(fixture.auditTrail, EventListeners.of(fixture.events::add)));

  @Test
  void anyChange_givesEverySessionANewRevision_andEndsNone() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    Actor again = fixture.actor(fixture.loggedInAda());
    User before = user(ada);

    writes.update(before, before.withNames(PersonName.ofNullable("Ada", "first_name"), null,
        fixture.clock.now()), fact(before));

    for (Actor session : new Actor[] {ada, again}) {
      assertThat(fixture.tokenStore.liveSessionCacheRevision(ada.id(), session.session()))
          .isPresent().get().isNotEqualTo(session.cacheRevision());
    }
  }

  @Test
  void aRoleChange_endsEverySessionOfTheUser() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    User before = user(ada);

    writes.update(before, before.withRole(Role.ADMIN, fixture.clock.now()), fact(before));

    assertThat(fixture.tokenStore.liveSessionCacheRevision(ada.id(), ada.session())).isEmpty();
  }

  @Test
  void anEmailChange_voidsEveryPendingCode() {
    User registered = fixture.registered("ada@example.com");
    assertThat(presentAnyCode(registered)).isEqualTo(CodeCheck.WRONG);

    writes.update(registered, registered.withEmail(new Email("ada@example.org"),
        fixture.clock.now()), fact(registered));

    assertThat(presentAnyCode(registered)).as("no code is pending").isEqualTo(CodeCheck.EXPIRED);
  }

  @Test
  void aNewPassword_endsEverySessionButTheOneKept_orAllOfThem() {
    Actor kept = fixture.verifiedUser("ada@example.com");
    Actor other = fixture.actor(fixture.loggedInAda());
    User before = user(kept);

    writes.updatePassword(before, before.withPasswordHash(before.passwordHash(),
        fixture.clock.now()), kept.session(), fact(before).get(0));
    assertThat(fixture.tokenStore.liveSessionCacheRevision(kept.id(), kept.session())).isPresent();
    assertThat(fixture.tokenStore.liveSessionCacheRevision(kept.id(), other.session())).isEmpty();

    User now = user(kept);
    writes.updatePassword(now, now.withPasswordHash(now.passwordHash(), fixture.clock.now()), null,
        fact(now).get(0));
    assertThat(fixture.tokenStore.liveSessionCacheRevision(kept.id(), kept.session())).isEmpty();
  }

  @Test
  void aRemovedAccount_losesItsSessionsAndCodes() {
    User registered = fixture.registered("ada@example.com");
    Actor ada = fixture.actor(fixture.loggedInAda());

    writes.delete(registered.id(), fact(registered).get(0));

    assertThat(fixture.tokenStore.liveSessionCacheRevision(ada.id(), ada.session())).isEmpty();
    assertThat(presentAnyCode(registered)).isEqualTo(CodeCheck.EXPIRED);
  }

  private User user(Actor actor) {
    return fixture.users.findById(actor.id()).orElseThrow();
  }

  /** A wrong code is WRONG while a code is pending, and EXPIRED when none is. */
  private CodeCheck presentAnyCode(User user) {
    return fixture.tokenStore.checkCode(user.id(), CodePurpose.EMAIL_VERIFICATION, "not-the-hash",
        fixture.policy.codes().maxAttempts(), fixture.clock.now());
  }

  @Test
  void everyWrite_storesItsEventsWithTheChange_andThenTellsTheListeners() {
    User registered = fixture.registered("ada@example.com");
    List<UserEvent> recorded = fact(registered);

    writes.update(registered, registered.withNames(PersonName.ofNullable("Ada", "first_name"),
        null, fixture.clock.now()), recorded);

    assertThat(fixture.auditTrail.entries().get(0).type()).isEqualTo(EventType.PROFILE_UPDATED);
    assertThat(fixture.events).endsWith(recorded.toArray(UserEvent[]::new));
  }

  @Test
  void aWriteWithoutAnEvent_isRefused_andStoresNothing() {
    User registered = fixture.registered("ada@example.com");

    assertThatThrownBy(() -> writes.update(registered, registered.withNames(
        PersonName.ofNullable("Ada", "first_name"), null, fixture.clock.now()), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fixture.users.findById(registered.id()).orElseThrow().firstName()).isEmpty();
  }

  private List<UserEvent> fact(User user) {
    return List.of(new UserEvent.ProfileUpdated(
        UserEvent.Meta.bySystem(fixture.clock.now(), user.id()), List.of("first_name")));
  }
}
