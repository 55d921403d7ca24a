package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidCodeException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProfileAndPasswordTest {

  private final World world = new World();

  @Test
  void editOwnNames_changesThemAndClearsWithAnEmptyChange() {
    Actor ada = world.verifiedUser("ada@example.com");

    User named = world.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(new PersonName("Ada")), FieldUpdate.to(new PersonName("Lovelace")),
        null, null, null, null));
    User cleared = world.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(null), null, null, null, null, null));

    assertThat(named.firstName()).contains(new PersonName("Ada"));
    assertThat(cleared.firstName()).isEmpty();
    assertThat(cleared.lastName()).contains(new PersonName("Lovelace"));
    assertThat(cleared.version()).isEqualTo(named.version() + 1);
    assertThat(world.me.get(ada)).isEqualTo(cleared);
  }

  @Test
  void ownProfile_isServedFromTheCacheWhileTheSessionsRevisionStands() {
    world.verifiedUser("ada@example.com");
    AuthTokens session = world.loggedInAda();
    User read = world.me.get(world.actor(session));
    // A change that bypasses the use cases announces nothing, so the cached copy is still served.
    world.users.update(read.withNames(new PersonName("Behind"), null, world.clock.now()));

    assertThat(world.me.get(world.actor(session))).isEqualTo(read);

    world.tokenStore.renewCacheRevision(read.id());
    assertThat(world.me.get(world.actor(session)).firstName()).contains(new PersonName("Behind"));
  }

  @Test
  void everyChangeThroughTheUseCases_showsInTheOwnProfileOfEverySessionAtOnce() {
    world.registered("ada@example.com");
    AuthTokens phone = world.loggedInAda();
    AuthTokens laptop = world.loggedInAda();
    assertThat(world.me.get(world.actor(phone)).isEmailVerified()).isFalse();
    assertThat(world.me.get(world.actor(laptop)).isEmailVerified()).isFalse();

    User verified = world.verify.verify(world.actor(phone), world.latestCode("ada@example.com"), null);
    assertThat(world.me.get(world.actor(laptop))).isEqualTo(verified);

    Actor ada = world.actor(phone);
    User named = world.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(new PersonName("Ada")), null, null, null, null, null));
    assertThat(world.me.get(world.actor(laptop))).isEqualTo(named);
    assertThat(world.me.get(world.actor(phone))).isEqualTo(named);

    Actor admin = world.admin();
    User renamedByAdmin = world.edit.edit(new EditUser.Command(admin, ada.id(),
        null, FieldUpdate.to(new PersonName("Lovelace")), null, null, null, null));
    assertThat(world.me.get(world.actor(laptop))).isEqualTo(renamedByAdmin);

    world.changePassword.change(new ChangePassword.Command(world.actor(phone),
        new Password(World.PASSWORD), new Password("a brand new password")));
    assertThat(world.me.get(world.actor(phone)))
        .isEqualTo(world.users.findById(ada.id()).orElseThrow())
        .extracting(User::version).isEqualTo(renamedByAdmin.version() + 1);
  }

  @Test
  void anotherUsersAccount_cannotBeEdited() {
    Actor ada = world.verifiedUser("ada@example.com");
    User bob = world.registered("bob@example.com");

    assertThatThrownBy(() -> world.edit.edit(new EditUser.Command(ada, bob.id(),
        FieldUpdate.to(new PersonName("Mallory")), null, null, null, null, null)))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void aStaleVersion_isAConflict() {
    Actor ada = world.verifiedUser("ada@example.com");
    long version = world.me.get(ada).version();
    world.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(new PersonName("A")), null, null, null, null, version));

    assertThatThrownBy(() -> world.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(new PersonName("B")), null, null, null, null, version)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void changingOwnEmail_needsTheCurrentPassword_andTheNewAddressIsVerifiedAgain() {
    Actor ada = world.verifiedUser("ada@example.com");
    world.passes(Duration.ofMinutes(2));

    assertThatThrownBy(() -> world.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("ada@new.example"), null, null, null))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> world.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("ada@new.example"), new Password("wrong password"), null, null)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("current_password");

    User moved = world.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("ada@new.example"), new Password(World.PASSWORD), null, null));

    assertThat(moved.email().value()).isEqualTo("ada@new.example");
    assertThat(moved.isEmailVerified()).isFalse();
    assertThat(moved.everVerified()).isTrue();
    assertThat(world.latestMail("ada@example.com").subject()).contains("changed");
    assertThat(world.verify.verify(ada, world.latestCode("ada@new.example"), null).isEmailVerified()).isTrue();
  }

  @Test
  void changingToATakenEmail_isAConflict() {
    Actor ada = world.verifiedUser("ada@example.com");
    world.registered("bob@example.com");
    world.passes(Duration.ofMinutes(2));

    assertThatThrownBy(() -> world.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("bob@example.com"), new Password(World.PASSWORD), null, null)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void changePassword_needsTheCurrentOne_andEndsEveryOtherSession() {
    world.verifiedUser("ada@example.com");
    AuthTokens here = world.loggedIn("ada@example.com");
    AuthTokens elsewhere = world.loggedIn("ada@example.com");
    Actor actor = world.actor(here);

    assertThatThrownBy(() -> world.changePassword.change(
        new ChangePassword.Command(actor, "wrong password", "a brand new password")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> world.changePassword.change(
        new ChangePassword.Command(actor, World.PASSWORD, "short")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("new_password");

    world.changePassword.change(new ChangePassword.Command(actor, World.PASSWORD, "a brand new password"));

    assertThat(world.actor(here).id()).isEqualTo(actor.id());
    assertThatThrownBy(() -> world.actor(elsewhere)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(world::loggedInAda).isInstanceOf(UnauthenticatedException.class);
    assertThat(world.login.authenticate(new AuthenticateUser.Command(
        "ada@example.com", "a brand new password", null))).isNotNull();
  }

  @Test
  @DisplayName("issue 17 #6: wrong current passwords count against the login throttle")
  void wrongCurrentPasswords_onPasswordChange_areThrottledLikeFailedLogins() {
    world.verifiedUser("ada@example.com");
    Actor actor = world.actor(world.loggedIn("ada@example.com"));
    var wrong = new ChangePassword.Command(actor, new Password("wrong password"),
        new Password("a brand new password"), RequestContext.from("198.51.100.9"));
    for (int i = 0; i < world.policy.loginFailuresPerAccount(); i++) {
      assertThatThrownBy(() -> world.changePassword.change(wrong))
          .isInstanceOf(InvalidInputException.class);
    }

    assertThatThrownBy(() -> world.changePassword.change(wrong))
        .isInstanceOf(ThrottledException.class);
    assertThatThrownBy(() -> world.changePassword.change(new ChangePassword.Command(actor,
        World.PASSWORD, "a brand new password"))).isInstanceOf(ThrottledException.class);
    assertThatThrownBy(world::loggedInAda).as("the same throttle as login")
        .isInstanceOf(ThrottledException.class);

    world.passes(Duration.ofSeconds(1));
    world.changePassword.change(new ChangePassword.Command(actor, World.PASSWORD,
        "a brand new password"));
    assertThat(world.login.authenticate(new AuthenticateUser.Command(
        "ada@example.com", "a brand new password", null))).isNotNull();
  }

  @Test
  @DisplayName("issue 17 #6: wrong current passwords on an email change are throttled too")
  void wrongCurrentPasswords_onEmailChange_areThrottledLikeFailedLogins() {
    Actor ada = world.verifiedUser("ada@example.com");
    world.passes(Duration.ofMinutes(2));
    for (int i = 0; i < world.policy.loginFailuresPerAccount(); i++) {
      assertThatThrownBy(() -> world.edit.edit(emailChange(ada, "wrong password")))
          .isInstanceOf(InvalidInputException.class);
    }

    assertThatThrownBy(() -> world.edit.edit(emailChange(ada, World.PASSWORD)))
        .isInstanceOf(ThrottledException.class);
    assertThatThrownBy(world::loggedInAda).isInstanceOf(ThrottledException.class);
    world.passes(Duration.ofSeconds(1));
    assertThat(world.edit.edit(emailChange(ada, World.PASSWORD)).email())
        .isEqualTo(new Email("ada@new.example"));
  }

  private static EditUser.Command emailChange(Actor actor, String currentPassword) {
    return new EditUser.Command(actor, actor.id(), null, null, new Email("ada@new.example"),
        new Password(currentPassword), null, null, RequestContext.from("198.51.100.9"));
  }

  @Test
  void passwordReset_withTheMailedCode_setsTheNewPasswordAndEndsAllSessions() {
    world.registered("ada@example.com");
    AuthTokens session = world.loggedIn("ada@example.com");
    world.passes(Duration.ofMinutes(2));

    world.requestReset.request(new Email("ada@example.com"), null);
    VerificationCode code = world.latestCode("ada@example.com");
    world.reset.reset(new ResetPassword.Command("ada@example.com", code.digits(), "a brand new password"));

    assertThatThrownBy(() -> world.actor(session)).isInstanceOf(UnauthenticatedException.class);
    assertThat(world.login.authenticate(new AuthenticateUser.Command(
        "ada@example.com", "a brand new password", null))).isNotNull();
    assertThat(world.users.findByEmail(new Email("ada@example.com")).orElseThrow().isEmailVerified()).isTrue();
    assertThatThrownBy(() -> world.reset.reset(new ResetPassword.Command("ada@example.com", code.digits(), "another new password")))
        .isInstanceOf(InvalidCodeException.class);
  }

  @Test
  void passwordReset_forAnUnknownEmail_looksTheSameAndMailsNothing() {
    world.requestReset.request(new Email("nobody@example.com"), null);
    world.requestReset.request(new Email("nobody@example.com"), null);
    world.issueResetCodes.issueQueued();

    assertThat(world.outbox.pending()).isZero();
    assertThatThrownBy(() -> world.reset.reset(new ResetPassword.Command("nobody@example.com", "123456", "a brand new password")))
        .isInstanceOfSatisfying(InvalidCodeException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.INVALID));
  }

  @Test
  void passwordReset_requestedTooOften_staysSilent() {
    world.verifiedUser("ada@example.com");

    world.requestReset.request(new Email("ada@example.com"), null);
    world.requestReset.request(new Email("ada@example.com"), null);

    world.issueResetCodes.issueQueued();
    world.deliver.deliverDue();
    assertThat(world.mailer.sent()).filteredOn(m -> m.subject().contains("reset")).hasSize(1);
  }

  @Test
  void passwordReset_withAShortPassword_isInvalidAndDoesNotUseUpTheCode() {
    world.verifiedUser("ada@example.com");
    world.requestReset.request(new Email("ada@example.com"), null);
    VerificationCode code = world.latestCode("ada@example.com");

    assertThatThrownBy(() -> world.reset.reset(new ResetPassword.Command("ada@example.com", code.digits(), "short")))
        .isInstanceOf(InvalidInputException.class);
    world.reset.reset(new ResetPassword.Command("ada@example.com", code.digits(), "a brand new password"));
  }

  @Test
  void finding12_commonPasswordsAndOnesBuiltFromTheEmail_areRefusedWhereverAPasswordIsSet() {
    for (String refused : new String[] {"password", "PassWord", "iloveyou", "adalovelace",
        "Ada.Lovelace-1815", "my lovelace passphrase"}) {
      assertThatThrownBy(() -> world.register.register(new RegisterUser.Command(
          "ada.lovelace@example.com", refused, null, null, null))).as(refused)
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.errors()).extracting(error -> error.field())
                  .containsExactly("password"));
    }
    assertThatThrownBy(() -> world.register.register(new RegisterUser.Command(
        "lovelace+news@example.com", "lovelace forever", null, null, null)))
        .as("the name before + counts too").isInstanceOf(InvalidInputException.class);
    assertThat(world.register.register(new RegisterUser.Command(
        "ada@example.com", "ada's own passphrase", null, null, null))).as("a name under four letters")
        .isNotNull();

    Actor ada = world.actor(world.login.authenticate(
        new AuthenticateUser.Command("ada@example.com", "ada's own passphrase", null)));
    assertThatThrownBy(() -> world.changePassword.change(
        new ChangePassword.Command(ada, "ada's own passphrase", "qwerty123")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("new_password")
        .hasMessageContaining("common");

    world.passes(Duration.ofMinutes(2));
    world.requestReset.request(new Email("ada@example.com"), null);
    VerificationCode code = world.latestCode("ada@example.com");
    assertThatThrownBy(() -> world.reset.reset(
        new ResetPassword.Command("ada@example.com", code.digits(), "12345678")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("new_password");
    world.reset.reset(new ResetPassword.Command("ada@example.com", code.digits(),
        "a brand new password"));

    assertThatThrownBy(() -> world.ensureAdmin.ensure(new Email("root@example.com"),
        new Password("password")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ADMIN_PASSWORD");
    assertThatThrownBy(() -> world.ensureAdmin.ensure(new Email("root@example.com"),
        new Password("root's long passphrase")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ADMIN_PASSWORD");
  }

  @Test
  void finding12_aChangedPassword_isNoticedByMailToTheAccount_withoutTheSecret() {
    world.verifiedUser("ada@example.com");
    Actor actor = world.actor(world.loggedInAda());

    world.changePassword.change(
        new ChangePassword.Command(actor, World.PASSWORD, "a brand new password"));

    var notice = world.latestMail("ada@example.com");
    assertThat(notice.subject()).isEqualTo("Your password was changed");
    assertThat(notice.text() + notice.html()).contains("changed")
        .doesNotContain("a brand new password").doesNotContain(World.PASSWORD);
  }

  @Test
  void finding12_aResetPassword_isNoticedByMailToTheAccount_withoutTheSecret() {
    world.verifiedUser("ada@example.com");
    world.passes(Duration.ofMinutes(2));
    world.requestReset.request(new Email("ada@example.com"), null);
    VerificationCode code = world.latestCode("ada@example.com");

    world.reset.reset(new ResetPassword.Command("ada@example.com", code.digits(),
        "a brand new password"));

    var notice = world.latestMail("ada@example.com");
    assertThat(notice.subject()).isEqualTo("Your password was reset");
    assertThat(notice.text() + notice.html()).doesNotContain("a brand new password")
        .doesNotContain(code.digits());
  }
}
