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

  private final ServiceFixture fixture = new ServiceFixture();

  @Test
  void editOwnNames_changesThemAndClearsWithAnEmptyChange() {
    Actor ada = fixture.verifiedUser("ada@example.com");

    User named = fixture.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(new PersonName("Ada")), FieldUpdate.to(new PersonName("Lovelace")),
        null, null, null, null));
    User cleared = fixture.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(null), null, null, null, null, null));

    assertThat(named.firstName()).contains(new PersonName("Ada"));
    assertThat(cleared.firstName()).isEmpty();
    assertThat(cleared.lastName()).contains(new PersonName("Lovelace"));
    assertThat(cleared.version()).isEqualTo(named.version() + 1);
    assertThat(fixture.me.get(ada)).isEqualTo(cleared);
  }

  @Test
  void ownProfile_isServedFromTheCacheWhileTheSessionsRevisionStands() {
    fixture.verifiedUser("ada@example.com");
    AuthTokens session = fixture.loggedInAda();
    User read = fixture.me.get(fixture.actor(session));
    // A change that bypasses the use cases announces nothing, so the cached copy is still served.
    fixture.users.update(read.withNames(new PersonName("Behind"), null, fixture.clock.now()));

    assertThat(fixture.me.get(fixture.actor(session))).isEqualTo(read);

    fixture.tokenStore.renewCacheRevision(read.id());
    assertThat(fixture.me.get(fixture.actor(session)).firstName())
        .contains(new PersonName("Behind"));
  }

  @Test
  void everyChangeThroughTheUseCases_showsInTheOwnProfileOfEverySessionAtOnce() {
    fixture.registered("ada@example.com");
    AuthTokens phone = fixture.loggedInAda();
    AuthTokens laptop = fixture.loggedInAda();
    assertThat(fixture.me.get(fixture.actor(phone)).isEmailVerified()).isFalse();
    assertThat(fixture.me.get(fixture.actor(laptop)).isEmailVerified()).isFalse();

    User verified = fixture.verify.verify(
        new VerifyEmail.Command(fixture.actor(phone), fixture.latestCode("ada@example.com"), null));
    assertThat(fixture.me.get(fixture.actor(laptop))).isEqualTo(verified);

    Actor ada = fixture.actor(phone);
    User named = fixture.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(new PersonName("Ada")), null, null, null, null, null));
    assertThat(fixture.me.get(fixture.actor(laptop))).isEqualTo(named);
    assertThat(fixture.me.get(fixture.actor(phone))).isEqualTo(named);

    Actor admin = fixture.admin();
    User renamedByAdmin = fixture.edit.edit(new EditUser.Command(admin, ada.id(),
        null, FieldUpdate.to(new PersonName("Lovelace")), null, null, null, null));
    assertThat(fixture.me.get(fixture.actor(laptop))).isEqualTo(renamedByAdmin);

    fixture.changePassword.change(new ChangePassword.Command(fixture.actor(phone),
        new Password(ServiceFixture.PASSWORD), new Password("a brand new password")));
    assertThat(fixture.me.get(fixture.actor(phone)))
        .isEqualTo(fixture.users.findById(ada.id()).orElseThrow())
        .extracting(User::version).isEqualTo(renamedByAdmin.version() + 1);
  }

  @Test
  void anotherUsersAccount_cannotBeEdited() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    User bob = fixture.registered("bob@example.com");

    assertThatThrownBy(() -> fixture.edit.edit(new EditUser.Command(ada, bob.id(),
        FieldUpdate.to(new PersonName("Mallory")), null, null, null, null, null)))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void aStaleVersion_isAConflict() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    long version = fixture.me.get(ada).version();
    fixture.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(new PersonName("A")), null, null, null, null, version));

    assertThatThrownBy(() -> fixture.edit.edit(new EditUser.Command(ada, ada.id(),
        FieldUpdate.to(new PersonName("B")), null, null, null, null, version)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void changingOwnEmail_needsTheCurrentPassword_andTheNewAddressIsVerifiedAgain() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    fixture.passes(Duration.ofMinutes(2));

    assertThatThrownBy(() -> fixture.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("ada@new.example"), null, null, null))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> fixture.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("ada@new.example"), new Password("wrong password"), null, null)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("current_password");

    User moved = fixture.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("ada@new.example"), new Password(ServiceFixture.PASSWORD), null, null));

    assertThat(moved.email().value()).isEqualTo("ada@new.example");
    assertThat(moved.isEmailVerified()).isFalse();
    assertThat(moved.everVerified()).isTrue();
    assertThat(fixture.latestMail("ada@example.com").subject()).contains("changed");
    assertThat(fixture.verify.verify(
        new VerifyEmail.Command(ada, fixture.latestCode("ada@new.example"), null))
        .isEmailVerified()).isTrue();
  }

  @Test
  void changingToATakenEmail_isAConflict() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    fixture.registered("bob@example.com");
    fixture.passes(Duration.ofMinutes(2));

    assertThatThrownBy(() -> fixture.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("bob@example.com"), new Password(ServiceFixture.PASSWORD), null, null)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void changePassword_needsTheCurrentOne_andEndsEveryOtherSession() {
    fixture.verifiedUser("ada@example.com");
    AuthTokens here = fixture.loggedIn("ada@example.com");
    AuthTokens elsewhere = fixture.loggedIn("ada@example.com");
    Actor actor = fixture.actor(here);

    assertThatThrownBy(() -> fixture.changePassword.change(
        new ChangePassword.Command(actor, "wrong password", "a brand new password")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> fixture.changePassword.change(
        new ChangePassword.Command(actor, ServiceFixture.PASSWORD, "short")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("new_password");

    fixture.changePassword.change(
        new ChangePassword.Command(actor, ServiceFixture.PASSWORD, "a brand new password"));

    assertThat(fixture.actor(here).id()).isEqualTo(actor.id());
    assertThatThrownBy(() -> fixture.actor(elsewhere)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(fixture::loggedInAda).isInstanceOf(UnauthenticatedException.class);
    assertThat(fixture.login.authenticate(new AuthenticateUser.Command(
        "ada@example.com", "a brand new password", null))).isNotNull();
  }

  @Test
  @DisplayName("issue 17 #6: wrong current passwords count against the login throttle")
  void wrongCurrentPasswords_onPasswordChange_areThrottledLikeFailedLogins() {
    fixture.verifiedUser("ada@example.com");
    Actor actor = fixture.actor(fixture.loggedIn("ada@example.com"));
    var wrong = new ChangePassword.Command(actor, new Password("wrong password"),
        new Password("a brand new password"), RequestContext.from("198.51.100.9"));
    for (int i = 0; i < fixture.policy.throttling().loginFailuresPerAccount(); i++) {
      assertThatThrownBy(() -> fixture.changePassword.change(wrong))
          .isInstanceOf(InvalidInputException.class);
    }

    assertThatThrownBy(() -> fixture.changePassword.change(wrong))
        .isInstanceOf(ThrottledException.class);
    assertThatThrownBy(() -> fixture.changePassword.change(new ChangePassword.Command(actor,
        ServiceFixture.PASSWORD, "a brand new password"))).isInstanceOf(ThrottledException.class);
    assertThatThrownBy(fixture::loggedInAda).as("the same throttle as login")
        .isInstanceOf(ThrottledException.class);

    fixture.passes(Duration.ofSeconds(1));
    fixture.changePassword.change(new ChangePassword.Command(actor, ServiceFixture.PASSWORD,
        "a brand new password"));
    assertThat(fixture.login.authenticate(new AuthenticateUser.Command(
        "ada@example.com", "a brand new password", null))).isNotNull();
  }

  @Test
  @DisplayName("issue 17 #6: wrong current passwords on an email change are throttled too")
  void wrongCurrentPasswords_onEmailChange_areThrottledLikeFailedLogins() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    fixture.passes(Duration.ofMinutes(2));
    for (int i = 0; i < fixture.policy.throttling().loginFailuresPerAccount(); i++) {
      assertThatThrownBy(() -> fixture.edit.edit(emailChange(ada, "wrong password")))
          .isInstanceOf(InvalidInputException.class);
    }

    assertThatThrownBy(() -> fixture.edit.edit(emailChange(ada, ServiceFixture.PASSWORD)))
        .isInstanceOf(ThrottledException.class);
    assertThatThrownBy(fixture::loggedInAda).isInstanceOf(ThrottledException.class);
    fixture.passes(Duration.ofSeconds(1));
    assertThat(fixture.edit.edit(emailChange(ada, ServiceFixture.PASSWORD)).email())
        .isEqualTo(new Email("ada@new.example"));
  }

  private static EditUser.Command emailChange(Actor actor, String currentPassword) {
    return new EditUser.Command(actor, actor.id(), null, null, new Email("ada@new.example"),
        new Password(currentPassword), null, null, RequestContext.from("198.51.100.9"));
  }

  @Test
  void passwordReset_withTheMailedCode_setsTheNewPasswordAndEndsAllSessions() {
    fixture.registered("ada@example.com");
    AuthTokens session = fixture.loggedIn("ada@example.com");
    fixture.passes(Duration.ofMinutes(2));

    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    VerificationCode code = fixture.latestCode("ada@example.com");
    fixture.reset.reset(
        new ResetPassword.Command("ada@example.com", code.digits(), "a brand new password"));

    assertThatThrownBy(() -> fixture.actor(session)).isInstanceOf(UnauthenticatedException.class);
    assertThat(fixture.login.authenticate(new AuthenticateUser.Command(
        "ada@example.com", "a brand new password", null))).isNotNull();
    assertThat(fixture.users.findByEmail(new Email("ada@example.com")).orElseThrow().isEmailVerified()).isTrue();
    assertThatThrownBy(() -> fixture.reset.reset(
        new ResetPassword.Command("ada@example.com", code.digits(), "another new password")))
        .isInstanceOf(InvalidCodeException.class);
  }

  @Test
  void passwordReset_forAnUnknownEmail_looksTheSameAndMailsNothing() {
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("nobody@example.com"), null));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("nobody@example.com"), null));
    fixture.issueResetCodes.issueQueued();

    assertThat(fixture.outbox.pending()).isZero();
    assertThatThrownBy(() -> fixture.reset.reset(
        new ResetPassword.Command("nobody@example.com", "123456", "a brand new password")))
        .isInstanceOfSatisfying(InvalidCodeException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.INVALID));
  }

  @Test
  void passwordReset_requestedTooOften_staysSilent() {
    fixture.verifiedUser("ada@example.com");

    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));

    fixture.issueResetCodes.issueQueued();
    fixture.deliver.deliverDue();
    assertThat(fixture.mailer.sent()).filteredOn(m -> m.subject().contains("reset")).hasSize(1);
  }

  @Test
  void passwordReset_withAShortPassword_isInvalidAndDoesNotUseUpTheCode() {
    fixture.verifiedUser("ada@example.com");
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    VerificationCode code = fixture.latestCode("ada@example.com");

    assertThatThrownBy(() -> fixture.reset.reset(
        new ResetPassword.Command("ada@example.com", code.digits(), "short")))
        .isInstanceOf(InvalidInputException.class);
    fixture.reset.reset(
        new ResetPassword.Command("ada@example.com", code.digits(), "a brand new password"));
  }

  @Test
  void finding12_commonPasswordsAndOnesBuiltFromTheEmail_areRefusedWhereverAPasswordIsSet() {
    for (String refused : new String[] {"password", "PassWord", "iloveyou", "adalovelace",
        "Ada.Lovelace-1815", "my lovelace passphrase"}) {
      assertThatThrownBy(() -> fixture.register.register(new RegisterUser.Command(
          "ada.lovelace@example.com", refused, null, null, null))).as(refused)
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.errors()).extracting(error -> error.field())
                  .containsExactly("password"));
    }
    assertThatThrownBy(() -> fixture.register.register(new RegisterUser.Command(
        "lovelace+news@example.com", "lovelace forever", null, null, null)))
        .as("the name before + counts too").isInstanceOf(InvalidInputException.class);
    assertThat(fixture.register.register(new RegisterUser.Command(
        "ada@example.com", "ada's own passphrase", null, null, null))).as("a name under four letters")
        .isNotNull();

    Actor ada = fixture.actor(fixture.login.authenticate(
        new AuthenticateUser.Command("ada@example.com", "ada's own passphrase", null)));
    assertThatThrownBy(() -> fixture.changePassword.change(
        new ChangePassword.Command(ada, "ada's own passphrase", "qwerty123")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("new_password")
        .hasMessageContaining("common");

    fixture.passes(Duration.ofMinutes(2));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    VerificationCode code = fixture.latestCode("ada@example.com");
    assertThatThrownBy(() -> fixture.reset.reset(
        new ResetPassword.Command("ada@example.com", code.digits(), "12345678")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("new_password");
    fixture.reset.reset(new ResetPassword.Command("ada@example.com", code.digits(),
        "a brand new password"));

    assertThatThrownBy(() -> fixture.ensureAdmin.ensure(
        new EnsureAdmin.Command(new Email("root@example.com"), new Password("password"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ADMIN_PASSWORD");
    assertThatThrownBy(() -> fixture.ensureAdmin.ensure(
        new EnsureAdmin.Command(new Email("root@example.com"),
            new Password("root's long passphrase"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ADMIN_PASSWORD");
  }

  @Test
  void finding12_aChangedPassword_isNoticedByMailToTheAccount_withoutTheSecret() {
    fixture.verifiedUser("ada@example.com");
    Actor actor = fixture.actor(fixture.loggedInAda());

    fixture.changePassword.change(
        new ChangePassword.Command(actor, ServiceFixture.PASSWORD, "a brand new password"));

    var notice = fixture.latestMail("ada@example.com");
    assertThat(notice.subject()).isEqualTo("Your User Service password was changed");
    assertThat(notice.text() + notice.html()).contains("changed")
        .doesNotContain("a brand new password").doesNotContain(ServiceFixture.PASSWORD);
  }

  @Test
  void finding12_aResetPassword_isNoticedByMailToTheAccount_withoutTheSecret() {
    fixture.verifiedUser("ada@example.com");
    fixture.passes(Duration.ofMinutes(2));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    VerificationCode code = fixture.latestCode("ada@example.com");

    fixture.reset.reset(new ResetPassword.Command("ada@example.com", code.digits(),
        "a brand new password"));

    var notice = fixture.latestMail("ada@example.com");
    assertThat(notice.subject()).isEqualTo("Your User Service password was reset");
    assertThat(notice.text() + notice.html()).doesNotContain("a brand new password")
        .doesNotContain(code.digits());
  }
}
