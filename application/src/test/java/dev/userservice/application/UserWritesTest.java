package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Actor;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.port.CodeCheck;
import org.junit.jupiter.api.Test;

/** The duties {@link UserWrites} does after every stored change, read from the change itself. */
class UserWritesTest {

  private final World world = new World();
  private final UserWrites writes = new UserWrites(world.users, world.tokenStore, world.tokenStore);

  @Test
  void anyChange_givesEverySessionANewRevision_andEndsNone() {
    Actor ada = world.verifiedUser("ada@example.com");
    Actor again = world.actor(world.loggedInAda());
    User before = user(ada);

    writes.update(before, before.withNames(PersonName.ofNullable("Ada", "first_name"), null,
        world.clock.now()));

    for (Actor session : new Actor[] {ada, again}) {
      assertThat(world.tokenStore.liveSessionRevision(ada.id(), session.session()))
          .isPresent().get().isNotEqualTo(session.revision());
    }
  }

  @Test
  void aRoleChange_endsEverySessionOfTheUser() {
    Actor ada = world.verifiedUser("ada@example.com");
    User before = user(ada);

    writes.update(before, before.withRole(Role.ADMIN, world.clock.now()));

    assertThat(world.tokenStore.liveSessionRevision(ada.id(), ada.session())).isEmpty();
  }

  @Test
  void anEmailChange_voidsEveryPendingCode() {
    User registered = world.registered("ada@example.com");
    assertThat(presentAnyCode(registered)).isEqualTo(CodeCheck.WRONG);

    writes.update(registered, registered.withEmail(new Email("ada@example.org"),
        world.clock.now()));

    assertThat(presentAnyCode(registered)).as("no code is pending").isEqualTo(CodeCheck.EXPIRED);
  }

  @Test
  void aNewPassword_endsEverySessionButTheOneKept_orAllOfThem() {
    Actor kept = world.verifiedUser("ada@example.com");
    Actor other = world.actor(world.loggedInAda());
    User before = user(kept);

    writes.updatePassword(before, before.withPasswordHash(before.passwordHash(),
        world.clock.now()), kept.session());
    assertThat(world.tokenStore.liveSessionRevision(kept.id(), kept.session())).isPresent();
    assertThat(world.tokenStore.liveSessionRevision(kept.id(), other.session())).isEmpty();

    User now = user(kept);
    writes.updatePassword(now, now.withPasswordHash(now.passwordHash(), world.clock.now()), null);
    assertThat(world.tokenStore.liveSessionRevision(kept.id(), kept.session())).isEmpty();
  }

  @Test
  void aRemovedAccount_losesItsSessionsAndCodes() {
    User registered = world.registered("ada@example.com");
    Actor ada = world.actor(world.loggedInAda());

    writes.delete(registered.id());

    assertThat(world.tokenStore.liveSessionRevision(ada.id(), ada.session())).isEmpty();
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
}
