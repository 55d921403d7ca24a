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

  private final ServiceFixture fixture = new ServiceFixture();

  @Test
  void anAdministrator_getsListsCountsAndDeletesUsers() {
    Actor admin = fixture.admin();
    List<User> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fixture.passes(Duration.ofSeconds(1));
      created.add(fixture.registered("user" + i + "@example.com"));
    }

    assertThat(fixture.getUser.get(
        new GetUser.Query(admin, created.get(0).id()))).isEqualTo(created.get(0));
    ListUsers.Page page = fixture.list.list(new ListUsers.Query(admin, UserFilter.ANY, null, 2));
    assertThat(page.items()).extracting(User::id).containsExactly(created.get(4).id(), created.get(3).id());
    ListUsers.Page next = fixture.list.list(
        new ListUsers.Query(admin, UserFilter.ANY, page.nextCursor(), 2));
    assertThat(next.items()).extracting(User::id).containsExactly(created.get(2).id(), created.get(1).id());
    assertThat(fixture.count.count(new CountUsers.Query(admin, UserFilter.ANY))).isEqualTo(6);
    assertThat(fixture.count.count(
        new CountUsers.Query(admin, new UserFilter("USER3", null, null, null, null)))).isEqualTo(1);
    assertThat(fixture.count.count(
        new CountUsers.Query(admin, new UserFilter(null, Role.ADMIN, null, null, null))))
        .isEqualTo(1);
    assertThat(fixture.count.count(
        new CountUsers.Query(admin, new UserFilter(null, null, false, null, null)))).isEqualTo(5);

    fixture.delete.delete(new DeleteUser.Command(admin, created.get(0).id(), RequestContext.NONE));
    assertThatThrownBy(() -> fixture.getUser.get(
        new GetUser.Query(admin, created.get(0).id()))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> fixture.delete.delete(
        new DeleteUser.Command(admin, created.get(0).id(), RequestContext.NONE)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aUser_mayReadOnlyTheirOwnAccount_andNeverListCountOrDelete() {
    fixture.admin();
    Actor ada = fixture.verifiedUser("ada@example.com");
    User bob = fixture.registered("bob@example.com");

    assertThat(fixture.getUser.get(
        new GetUser.Query(ada, ada.id())).email().value()).isEqualTo("ada@example.com");
    assertThatThrownBy(() -> fixture.getUser.get(
        new GetUser.Query(ada, bob.id()))).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> fixture.list.list(
        new ListUsers.Query(ada, null, null, 20))).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> fixture.count.count(
        new CountUsers.Query(ada, null))).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> fixture.delete.delete(
        new DeleteUser.Command(ada, bob.id(), RequestContext.NONE)))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void listing_refusesBadLimitsCursorsAndRanges() {
    Actor admin = fixture.admin();

    assertThatThrownBy(() -> new ListUsers.Query(admin, null, null, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ListUsers.Query(admin, null, null, 101)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() ->
        fixture.list.list(new ListUsers.Query(admin, null, "not-a-cursor!", 20)))
        .isInstanceOf(InvalidInputException.class);
    var now = fixture.clock.now();
    assertThatThrownBy(() -> new UserFilter(null, null, null, now, now))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new UserFilter("a\u0000b", null, null, null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("email");
    assertThatThrownBy(() -> new UserFilter(null, null, null, java.time.Instant.MAX, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("created_after");
  }

  @Test
  void theLastAdministrator_canBeNeitherDeletedNorDemoted() {
    Actor admin = fixture.admin();

    assertThatThrownBy(() -> fixture.delete.delete(
        new DeleteUser.Command(admin, admin.id(), RequestContext.NONE)))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> fixture.edit.edit(
        new EditUser.Command(admin, admin.id(), null, null, null, null, Role.USER, null)))
        .isInstanceOf(ConflictException.class);

    Actor bob = fixture.verifiedUser("bob@example.com");
    fixture.edit.edit(
        new EditUser.Command(admin, bob.id(), null, null, null, null, Role.ADMIN, null));
    fixture.delete.delete(new DeleteUser.Command(admin, admin.id(), RequestContext.NONE));
    assertThat(fixture.users.findById(admin.id())).isEmpty();
  }

  @Test
  void aRoleChange_endsTheTargetsSessions_soTheNewRoleAppliesAtOnce() {
    Actor admin = fixture.admin();
    fixture.verifiedUser("bob@example.com");
    AuthTokens bobTokens = fixture.loggedIn("bob@example.com");
    UserId bob = fixture.actor(bobTokens).id();

    User promoted = fixture.edit.edit(
        new EditUser.Command(admin, bob, null, null, null, null, Role.ADMIN, null));

    assertThat(promoted.role()).isEqualTo(Role.ADMIN);
    assertThatThrownBy(() -> fixture.actor(bobTokens)).isInstanceOf(UnauthenticatedException.class);
    assertThat(fixture.actor(fixture.loggedIn("bob@example.com")).role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void onlyAnAdministrator_changesRoles() {
    Actor ada = fixture.verifiedUser("ada@example.com");

    assertThatThrownBy(() -> fixture.edit.edit(
        new EditUser.Command(ada, ada.id(), null, null, null, null, Role.ADMIN, null)))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void deletion_endsTheUsersSessions() {
    Actor admin = fixture.admin();
    fixture.verifiedUser("bob@example.com");
    AuthTokens bob = fixture.loggedIn("bob@example.com");

    fixture.delete.delete(
        new DeleteUser.Command(admin, fixture.actor(bob).id(), RequestContext.NONE));

    assertThatThrownBy(() -> fixture.actor(bob)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> fixture.refresh.refresh(
        new PresentedRefreshToken(bob.refreshToken(), RequestContext.NONE)))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void unknownIds_areNotFound() {
    Actor admin = fixture.admin();
    UserId nobody = new UserId(UUID.randomUUID());

    assertThatThrownBy(() -> fixture.getUser.get(
        new GetUser.Query(admin, nobody))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> fixture.edit.edit(
        new EditUser.Command(admin, nobody, null, null, null, null, null, null)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void ensureAdmin_createsOneVerifiedAdminOnce_andGeneratesAPasswordWhenNoneIsGiven() {
    var first = fixture.ensureAdmin.ensure(
        new EnsureAdmin.Command(new Email("root@example.com"), null));
    var second = fixture.ensureAdmin.ensure(
        new EnsureAdmin.Command(new Email("root@example.com"), null));

    assertThat(first.created()).isTrue();
    assertThat(first.generatedPassword()).hasValueSatisfying(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(20));
    assertThat(second.created()).isFalse();
    User admin = fixture.users.findByEmail(new Email("root@example.com")).orElseThrow();
    assertThat(admin.isAdmin()).isTrue();
    assertThat(admin.isEmailVerified()).isTrue();
    assertThat(fixture.login.authenticate(new AuthenticateUser.Command(
        "root@example.com", first.generatedPassword().get(), null))).isNotNull();
  }

  @Test
  void ensureAdmin_promotesAnExistingVerifiedAccountWithTheAdminEmail() {
    fixture.verifiedUser("root@example.com");

    var outcome = fixture.ensureAdmin.ensure(
        new EnsureAdmin.Command(new Email("root@example.com"), null));

    assertThat(outcome.promoted()).isTrue();
    assertThat(outcome.created()).isFalse();
    User admin = fixture.users.findByEmail(new Email("root@example.com")).orElseThrow();
    assertThat(admin.isAdmin()).isTrue();
    assertThat(admin.isEmailVerified()).isTrue();
  }

  @Test
  void finding4_ensureAdmin_neverPromotesAnUnverifiedSelfRegisteredAccount() {
    User squatter = fixture.registered("root@example.com");

    assertThatThrownBy(() -> fixture.ensureAdmin.ensure(
        new EnsureAdmin.Command(new Email("root@example.com"), null)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("root@example.com")
        .hasMessageContaining(squatter.id().toString());

    User after = fixture.users.findById(squatter.id()).orElseThrow();
    assertThat(after.role()).isEqualTo(Role.USER);
    assertThat(after.isEmailVerified()).isFalse();
    assertThat(fixture.users.anyAdmin()).isFalse();
  }

  @Test
  void finding4_ensureAdmin_neverPromotesAnAccountThatMovedToTheAdminEmailWithoutVerifyingIt() {
    Actor mallory = fixture.verifiedUser("mallory@example.com");
    fixture.passes(Duration.ofMinutes(2));
    fixture.edit.edit(new EditUser.Command(mallory, mallory.id(), null, null,
        new Email("root@example.com"), new Password(ServiceFixture.PASSWORD), null,
        null));

    assertThatThrownBy(() -> fixture.ensureAdmin.ensure(
        new EnsureAdmin.Command(new Email("root@example.com"), null)))
        .isInstanceOf(ConflictException.class);
    assertThat(fixture.users.findById(mallory.id()).orElseThrow().role()).isEqualTo(Role.USER);
  }

  @Test
  void finding4_aNeverVerifiedAccount_cannotBeMadeAnAdministrator() {
    Actor admin = fixture.admin();
    User bob = fixture.registered("bob@example.com");

    assertThatThrownBy(() -> fixture.edit.edit(
        new EditUser.Command(admin, bob.id(), null, null, null, null, Role.ADMIN, null)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("verify");
    assertThat(fixture.users.findById(bob.id()).orElseThrow().role()).isEqualTo(Role.USER);

    fixture.verify.verify(
        new VerifyEmail.Command(fixture.actor(fixture.loggedIn("bob@example.com")),
            fixture.latestCode("bob@example.com"), null));
    assertThat(fixture.edit.edit(
        new EditUser.Command(admin, bob.id(), null, null, null, null, Role.ADMIN, null)).role())
        .isEqualTo(Role.ADMIN);
  }

  @Test
  void finding4_thePurge_neverDeletesTheLastAdministrator_andTheNextStartHandsAdminToNobody() {
    // An administrator that was never verified (as an earlier version could leave behind).
    User legacy = fixture.registered("legacy-admin@example.com");
    fixture.users.update(legacy.withRole(Role.ADMIN, fixture.clock.now()));
    fixture.passes(fixture.policy.unverifiedAccountTtl().plusHours(1));

    fixture.purge.purge();

    assertThat(fixture.users.findById(legacy.id())).isPresent();
    assertThat(fixture.users.anyAdmin()).isTrue();
    User squatter = fixture.registered("root@example.com");
    var outcome = fixture.ensureAdmin.ensure(
        new EnsureAdmin.Command(new Email("root@example.com"), null));
    assertThat(outcome.created()).isFalse();
    assertThat(outcome.promoted()).isFalse();
    assertThat(fixture.users.findById(squatter.id()).orElseThrow().role()).isEqualTo(Role.USER);
  }
}
