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

  private final World world = new World();
  private final UserWrites writes = new UserWrites(world.users, world.tokenStore, world.tokenStore,
      new Events(world.auditTrail, EventListeners.of(world.events::add)));

  @Test
  void anyChange_givesEverySessionANewRevision_andEndsNone() {
    Actor ada = world.verifiedUser("ada@example.com");
    Actor again = world.actor(world.loggedInAda());
    User before = user(ada);

    writes.update(before, before.withNames(PersonName.ofNullable("Ada", "first_name"), null,
        world.clock.now()), fact(before));

    for (Actor session : new Actor[] {ada, again}) {
      assertThat(world.tokenStore.liveSessionCacheRevision(ada.id(), session.session()))
          .isPresent().get().isNotEqualTo(session.cacheRevision());
    }
  }

  @Test
  void aRoleChange_endsEverySessionOfTheUser() {
    Actor ada = world.verifiedUser("ada@example.com");
    User before = user(ada);

    writes.update(before, before.withRole(Role.ADMIN, world.clock.now()), fact(before));

    assertThat(world.tokenStore.liveSessionCacheRevision(ada.id(), ada.session())).isEmpty();
  }

  @Test
  void anEmailChange_voidsEveryPendingCode() {
    User registered = world.registered("ada@example.com");
    assertThat(presentAnyCode(registered)).isEqualTo(CodeCheck.WRONG);

    writes.update(registered, registered.withEmail(new Email("ada@example.org"),
        world.clock.now()), fact(registered));

    assertThat(presentAnyCode(registered)).as("no code is pending").isEqualTo(CodeCheck.EXPIRED);
  }

  @Test
  void aNewPassword_endsEverySessionButTheOneKept_orAllOfThem() {
    Actor kept = world.verifiedUser("ada@example.com");
    Actor other = world.actor(world.loggedInAda());
    User before = user(kept);

    writes.updatePassword(before, before.withPasswordHash(before.passwordHash(),
        world.clock.now()), kept.session(), fact(before).get(0));
    assertThat(world.tokenStore.liveSessionCacheRevision(kept.id(), kept.session())).isPresent();
    assertThat(world.tokenStore.liveSessionCacheRevision(kept.id(), other.session())).isEmpty();

    User now = user(kept);
    writes.updatePassword(now, now.withPasswordHash(now.passwordHash(), world.clock.now()), null,
        fact(now).get(0));
    assertThat(world.tokenStore.liveSessionCacheRevision(kept.id(), kept.session())).isEmpty();
  }

  @Test
  void aRemovedAccount_losesItsSessionsAndCodes() {
    User registered = world.registered("ada@example.com");
    Actor ada = world.actor(world.loggedInAda());

    writes.delete(registered.id(), fact(registered).get(0));

    assertThat(world.tokenStore.liveSessionCacheRevision(ada.id(), ada.session())).isEmpty();
    assertThat(presentAnyCode(registered)).isEqualTo(CodeCheck.EXPIRED);
  }

  private User user(Actor actor) {
    return world.users.findById(actor.id()).orElseThrow();
  }

  /** A wrong code is WRONG while a code is pending, and EXPIRED when none is. */
  private CodeCheck presentAnyCode(User user) {
    return world.tokenStore.checkCode(user.id(), CodePurpose.EMAIL_VERIFICATION, "not-the-hash",
        world.policy.codeMaxAttempts(), world.clock.now());
  }

  @Test
  void everyWrite_storesItsEventsWithTheChange_andThenTellsTheListeners() {
    User registered = world.registered("ada@example.com");
    List<UserEvent> recorded = fact(registered);

    writes.update(registered, registered.withNames(PersonName.ofNullable("Ada", "first_name"),
        null, world.clock.now()), recorded);

    assertThat(world.auditTrail.entries().get(0).type()).isEqualTo(EventType.PROFILE_UPDATED);
    assertThat(world.events).endsWith(recorded.toArray(UserEvent[]::new));
  }

  @Test
  void aWriteWithoutAnEvent_isRefused_andStoresNothing() {
    User registered = world.registered("ada@example.com");

    assertThatThrownBy(() -> writes.update(registered, registered.withNames(
        PersonName.ofNullable("Ada", "first_name"), null, world.clock.now()), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(world.users.findById(registered.id()).orElseThrow().firstName()).isEmpty();
  }

  private List<UserEvent> fact(User user) {
    return List.of(new UserEvent.ProfileUpdated(
        UserEvent.Meta.bySystem(world.clock.now(), user.id()), List.of("first_name")));
  }
}
