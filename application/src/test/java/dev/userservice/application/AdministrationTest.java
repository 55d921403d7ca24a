package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.Password;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdministrationTest {

  private final World world = new World();

  @Test
  void anAdministrator_getsListsCountsAndDeletesUsers() {
    Actor admin = world.admin();
    List<User> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      world.passes(Duration.ofSeconds(1));
      created.add(world.registered("user" + i + "@example.com"));
    }

    assertThat(world.getUser.get(admin, created.get(0).id())).isEqualTo(created.get(0));
    ListUsers.Page page = world.list.list(new ListUsers.Query(admin, UserFilter.ANY, null, 2));
    assertThat(page.items()).extracting(User::id).containsExactly(created.get(4).id(), created.get(3).id());
    ListUsers.Page next = world.list.list(new ListUsers.Query(admin, UserFilter.ANY, page.nextCursor(), 2));
    assertThat(next.items()).extracting(User::id).containsExactly(created.get(2).id(), created.get(1).id());
    assertThat(world.count.count(admin, UserFilter.ANY)).isEqualTo(6);
    assertThat(world.count.count(admin, ListUsers.filter("USER3", null, null, null, null))).isEqualTo(1);
    assertThat(world.count.count(admin, ListUsers.filter(null, Role.ADMIN, null, null, null))).isEqualTo(1);
    assertThat(world.count.count(admin, ListUsers.filter(null, null, false, null, null))).isEqualTo(5);

    world.delete.delete(admin, created.get(0).id(), RequestContext.NONE);
    assertThatThrownBy(() -> world.getUser.get(admin, created.get(0).id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> world.delete.delete(admin, created.get(0).id(), RequestContext.NONE)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aUser_mayReadOnlyTheirOwnAccount_andNeverListCountOrDelete() {
    world.admin();
    Actor ada = world.verifiedUser("ada@example.com");
    User bob = world.registered("bob@example.com");

    assertThat(world.getUser.get(ada, ada.id()).email().value()).isEqualTo("ada@example.com");
    assertThatThrownBy(() -> world.getUser.get(ada, bob.id())).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> world.list.list(new ListUsers.Query(ada, null, null, 20))).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> world.count.count(ada, null)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> world.delete.delete(ada, bob.id(), RequestContext.NONE)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void listing_refusesBadLimitsCursorsAndRanges() {
    Actor admin = world.admin();

    assertThatThrownBy(() -> new ListUsers.Query(admin, null, null, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ListUsers.Query(admin, null, null, 101)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> world.list.list(new ListUsers.Query(admin, null, "not-a-cursor!", 20)))
        .isInstanceOf(InvalidInputException.class);
    var now = world.clock.now();
    assertThatThrownBy(() -> ListUsers.filter(null, null, null, now, now)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ListUsers.filter("a\u0000b", null, null, null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("email");
    assertThatThrownBy(() -> ListUsers.filter(null, null, null, java.time.Instant.MAX, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("created_after");
  }

  @Test
  void theLastAdministrator_canBeNeitherDeletedNorDemoted() {
    Actor admin = world.admin();

    assertThatThrownBy(() -> world.delete.delete(admin, admin.id(), RequestContext.NONE)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> world.edit.edit(new EditUser.Command(admin, admin.id(), null, null, null, null, Role.USER, null)))
        .isInstanceOf(ConflictException.class);

    Actor bob = world.verifiedUser("bob@example.com");
    world.edit.edit(new EditUser.Command(admin, bob.id(), null, null, null, null, Role.ADMIN, null));
    world.delete.delete(admin, admin.id(), RequestContext.NONE);
    assertThat(world.users.findById(admin.id())).isEmpty();
  }

  @Test
  void aRoleChange_endsTheTargetsSessions_soTheNewRoleAppliesAtOnce() {
    Actor admin = world.admin();
    world.verifiedUser("bob@example.com");
    AuthTokens bobTokens = world.loggedIn("bob@example.com");
    UserId bob = world.actor(bobTokens).id();

    User promoted = world.edit.edit(new EditUser.Command(admin, bob, null, null, null, null, Role.ADMIN, null));

    assertThat(promoted.role()).isEqualTo(Role.ADMIN);
    assertThatThrownBy(() -> world.actor(bobTokens)).isInstanceOf(UnauthenticatedException.class);
    assertThat(world.actor(world.loggedIn("bob@example.com")).role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void onlyAnAdministrator_changesRoles() {
    Actor ada = world.verifiedUser("ada@example.com");

    assertThatThrownBy(() -> world.edit.edit(new EditUser.Command(ada, ada.id(), null, null, null, null, Role.ADMIN, null)))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void deletion_endsTheUsersSessions() {
    Actor admin = world.admin();
    world.verifiedUser("bob@example.com");
    AuthTokens bob = world.loggedIn("bob@example.com");

    world.delete.delete(admin, world.actor(bob).id(), RequestContext.NONE);

    assertThatThrownBy(() -> world.actor(bob)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> world.refresh.refresh(bob.refreshToken(), RequestContext.NONE)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void unknownIds_areNotFound() {
    Actor admin = world.admin();
    UserId nobody = new UserId(UUID.randomUUID());

    assertThatThrownBy(() -> world.getUser.get(admin, nobody)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> world.edit.edit(new EditUser.Command(admin, nobody, null, null, null, null, null, null)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void ensureAdmin_createsOneVerifiedAdminOnce_andGeneratesAPasswordWhenNoneIsGiven() {
    var first = world.ensureAdmin.ensure(new Email("root@example.com"), null);
    var second = world.ensureAdmin.ensure(new Email("root@example.com"), null);

    assertThat(first.created()).isTrue();
    assertThat(first.generatedPassword()).hasValueSatisfying(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(20));
    assertThat(second.created()).isFalse();
    User admin = world.users.findByEmail(new Email("root@example.com")).orElseThrow();
    assertThat(admin.isAdmin()).isTrue();
    assertThat(admin.isEmailVerified()).isTrue();
    assertThat(world.login.authenticate(new AuthenticateUser.Command(
        "root@example.com", first.generatedPassword().get(), null))).isNotNull();
  }

  @Test
  void ensureAdmin_promotesAnExistingVerifiedAccountWithTheAdminEmail() {
    world.verifiedUser("root@example.com");

    var outcome = world.ensureAdmin.ensure(new Email("root@example.com"), null);

    assertThat(outcome.promoted()).isTrue();
    assertThat(outcome.created()).isFalse();
    User admin = world.users.findByEmail(new Email("root@example.com")).orElseThrow();
    assertThat(admin.isAdmin()).isTrue();
    assertThat(admin.isEmailVerified()).isTrue();
  }

  @Test
  void finding4_ensureAdmin_neverPromotesAnUnverifiedSelfRegisteredAccount() {
    User squatter = world.registered("root@example.com");

    assertThatThrownBy(() -> world.ensureAdmin.ensure(new Email("root@example.com"), null))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("root@example.com")
        .hasMessageContaining(squatter.id().toString());

    User after = world.users.findById(squatter.id()).orElseThrow();
    assertThat(after.role()).isEqualTo(Role.USER);
    assertThat(after.isEmailVerified()).isFalse();
    assertThat(world.users.anyAdmin()).isFalse();
  }

  @Test
  void finding4_ensureAdmin_neverPromotesAnAccountThatMovedToTheAdminEmailWithoutVerifyingIt() {
    Actor mallory = world.verifiedUser("mallory@example.com");
    world.passes(Duration.ofMinutes(2));
    world.edit.edit(new EditUser.Command(mallory, mallory.id(), null, null,
        new Email("root@example.com"), new Password(World.PASSWORD), null,
        null));

    assertThatThrownBy(() -> world.ensureAdmin.ensure(new Email("root@example.com"), null))
        .isInstanceOf(ConflictException.class);
    assertThat(world.users.findById(mallory.id()).orElseThrow().role()).isEqualTo(Role.USER);
  }

  @Test
  void finding4_aNeverVerifiedAccount_cannotBeMadeAnAdministrator() {
    Actor admin = world.admin();
    User bob = world.registered("bob@example.com");

    assertThatThrownBy(() -> world.edit.edit(
        new EditUser.Command(admin, bob.id(), null, null, null, null, Role.ADMIN, null)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("verify");
    assertThat(world.users.findById(bob.id()).orElseThrow().role()).isEqualTo(Role.USER);

    world.verify.verify(world.actor(world.loggedIn("bob@example.com")),
        world.latestCode("bob@example.com"), null);
    assertThat(world.edit.edit(
        new EditUser.Command(admin, bob.id(), null, null, null, null, Role.ADMIN, null)).role())
        .isEqualTo(Role.ADMIN);
  }

  @Test
  void finding4_thePurge_neverDeletesTheLastAdministrator_andTheNextStartHandsAdminToNobody() {
    // An administrator that was never verified (as an earlier version could leave behind).
    User legacy = world.registered("legacy-admin@example.com");
    world.users.update(legacy.withRole(Role.ADMIN, world.clock.now()));
    world.passes(world.policy.unverifiedAccountTtl().plusHours(1));

    world.purge.purge();

    assertThat(world.users.findById(legacy.id())).isPresent();
    assertThat(world.users.anyAdmin()).isTrue();
    User squatter = world.registered("root@example.com");
    var outcome = world.ensureAdmin.ensure(new Email("root@example.com"), null);
    assertThat(outcome.created()).isFalse();
    assertThat(outcome.promoted()).isFalse();
    assertThat(world.users.findById(squatter.id()).orElseThrow().role()).isEqualTo(Role.USER);
  }
}
