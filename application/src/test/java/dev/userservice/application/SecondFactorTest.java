package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.domain.Actor;
import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.Email;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.Role;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A second factor: TOTP enrolment, the login challenge, recovery codes and step-up (issue 26). */
class SecondFactorTest {

  private static final String ADA = "ada@example.com";

  private final ServiceFixture fixture = new ServiceFixture(SecurityPolicy.defaults()
      .withThrottling(new SecurityPolicy.Throttling(50, Duration.ofMinutes(15), 600)),
      new Argon2Settings(1024, 1, 1));
  private final UserService service = fixture.service;

  /** An enrolled account: its secret, its recovery codes, and a session from before enrolment. */
  private record Enrolled(byte[] secret, List<String> recoveryCodes, Actor passwordSession) {}

  private Enrolled enrolledAda() {
    Actor ada = fixture.verifiedUser(ADA);
    EnrolTotp.Enrolment enrolment = service.enrolTotp().enrol(
        new EnrolTotp.Command(ada, ServiceFixture.PASSWORD, null));
    byte[] secret = base32Decode(enrolment.secret());
    List<String> codes = service.confirmTotp().confirm(
        new ConfirmTotp.Command(ada, code(secret), null));
    fixture.clock.advance(Duration.ofSeconds(30));
    return new Enrolled(secret, codes, ada);
  }

  private LoginResult logIn() {
    return fixture.login.logIn(new AuthenticateUser.Command(ADA, ServiceFixture.PASSWORD, null));
  }

  private String challenge() {
    return ((LoginResult.SecondFactorRequired) logIn()).challenge();
  }

  private AuthTokens complete(String challenge, String code) {
    return service.completeLogin().complete(new CompleteLogin.Command(challenge, code, null, null));
  }

  private AuthTokens completeWithRecovery(String challenge, String recoveryCode) {
    return service.completeLogin().complete(
        new CompleteLogin.Command(challenge, null, recoveryCode, null));
  }

  private String code(byte[] secret) {
    try {
      return TotpTest.independentTotp(secret, fixture.clock.now().getEpochSecond());
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private Actor secondFactorSession(Enrolled enrolled) {
    Actor actor = fixture.actor(complete(challenge(), code(enrolled.secret())));
    fixture.clock.advance(Duration.ofSeconds(30));
    return actor;
  }

  @Nested
  class Enrolment {

    @Test
    void enrolment_givesA160BitSecret_andAKeyUri_andGuardsNothingUntilConfirmed() {
      Actor ada = fixture.verifiedUser(ADA);

      EnrolTotp.Enrolment enrolment = service.enrolTotp().enrol(
          new EnrolTotp.Command(ada, ServiceFixture.PASSWORD, null));

      assertThat(base32Decode(enrolment.secret())).hasSize(20);
      assertThat(enrolment.keyUri()).startsWith("otpauth://totp/User%20Service:ada%40example.com?")
          .contains("secret=" + enrolment.secret(), "issuer=User%20Service", "digits=6",
              "period=30", "algorithm=SHA1");
      assertThat(logIn()).isInstanceOf(LoginResult.SessionStarted.class);
    }

    @Test
    void enrolment_needsTheRightPassword() {
      Actor ada = fixture.verifiedUser(ADA);

      assertThatThrownBy(() -> service.enrolTotp().enrol(
          new EnrolTotp.Command(ada, "wrong password here", null)))
          .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void confirmation_withAWrongCode_isRefused_andTheRightOne_turnsItOn_withTenRecoveryCodes() {
      Actor ada = fixture.verifiedUser(ADA);
      byte[] secret = base32Decode(service.enrolTotp().enrol(
          new EnrolTotp.Command(ada, ServiceFixture.PASSWORD, null)).secret());
      String wrong = code(secret).equals("000000") ? "111111" : "000000";

      assertThatThrownBy(() -> service.confirmTotp().confirm(
          new ConfirmTotp.Command(ada, wrong, null))).isInstanceOf(InvalidInputException.class);
      List<String> codes = service.confirmTotp().confirm(
          new ConfirmTotp.Command(ada, code(secret), null));

      assertThat(codes).hasSize(10).doesNotHaveDuplicates()
          .allMatch(c -> c.matches("[a-z2-7]{5}-[a-z2-7]{5}"));
      assertThat(fixture.users.findByEmail(new Email(ADA)).orElseThrow()
          .totp().orElseThrow().recoveryCodeHashes()).hasSize(10).doesNotContainAnyElementsOf(codes);
      assertThat(types()).contains(EventType.TOTP_ENROLMENT_STARTED, EventType.TOTP_ENROLLED);
      assertThat(fixture.latestMail(ADA).subject()).contains("Two-step login is on");
      assertThat(logIn()).isInstanceOf(LoginResult.SecondFactorRequired.class);
    }
  }

  @Nested
  class Login {

    @Test
    void rightPassword_givesAChallenge_notTokens_andTheCodeCompletesIt_withAmrOtp() {
      Enrolled enrolled = enrolledAda();

      LoginResult result = logIn();

      assertThat(result).isInstanceOf(LoginResult.SecondFactorRequired.class);
      var required = (LoginResult.SecondFactorRequired) result;
      assertThat(required.expiresAt()).isEqualTo(fixture.clock.now().plus(Duration.ofMinutes(5)));
      AuthTokens tokens = complete(required.challenge(), code(enrolled.secret()));
      Actor actor = fixture.actor(tokens);
      assertThat(actor.methods()).isEqualTo(AuthMethods.PASSWORD_AND_OTP);
      assertThat(fixture.accessTokens.verify(tokens.accessToken(), fixture.clock.now()).methods()
          .amr()).containsExactly("pwd", "otp");
      assertThat(enrolled.passwordSession().methods().amr()).containsExactly("pwd");
    }

    @Test
    void aTimeStep_isAcceptedOnce_aReplayedCodeIsRefused() {
      Enrolled enrolled = enrolledAda();
      String code = code(enrolled.secret());
      complete(challenge(), code);

      String second = challenge();
      assertThatThrownBy(() -> complete(second, code))
          .isInstanceOf(UnauthenticatedException.class);
      assertThat(fixture.events).filteredOn(e -> e instanceof UserEvent.LoginFailed failed
          && failed.reason() == UserEvent.LoginFailed.Reason.WRONG_SECOND_FACTOR).hasSize(1);
    }

    @Test
    void theCodeOfTheStepBefore_isAccepted_butNotTheOneTwoStepsBefore() {
      Enrolled enrolled = enrolledAda();
      String previous = code(enrolled.secret());
      fixture.clock.advance(Duration.ofSeconds(30));
      assertThat(complete(challenge(), previous)).isNotNull();

      fixture.clock.advance(Duration.ofSeconds(60));
      String old = previous;
      String challenge = challenge();
      fixture.clock.advance(Duration.ofSeconds(30));
      assertThatThrownBy(() -> complete(challenge, old))
          .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void theChallenge_isSingleUse() {
      Enrolled enrolled = enrolledAda();
      String challenge = challenge();
      complete(challenge, code(enrolled.secret()));
      fixture.clock.advance(Duration.ofSeconds(30));

      assertThatThrownBy(() -> complete(challenge, code(enrolled.secret())))
          .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void theChallenge_expiresAfterFiveMinutes() {
      Enrolled enrolled = enrolledAda();
      String challenge = challenge();
      fixture.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

      assertThatThrownBy(() -> complete(challenge, code(enrolled.secret())))
          .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void theChallenge_isVoidAfterFiveWrongCodes() {
      Enrolled enrolled = enrolledAda();
      String challenge = challenge();
      String wrong = code(enrolled.secret()).equals("000000") ? "111111" : "000000";
      for (int i = 0; i < 5; i++) {
        assertThatThrownBy(() -> complete(challenge, wrong))
            .isInstanceOf(UnauthenticatedException.class);
      }

      assertThatThrownBy(() -> complete(challenge, code(enrolled.secret())))
          .isInstanceOf(UnauthenticatedException.class);
      assertThat(complete(challenge(), code(enrolled.secret()))).isNotNull();
    }

    @Test
    void aForgedChallenge_isRefusedLikeAWrongCode() {
      Enrolled enrolled = enrolledAda();
      String real = challenge();
      String forged = real.substring(0, 37) + "A".repeat(43);

      assertThatThrownBy(() -> complete(forged, code(enrolled.secret())))
          .isInstanceOf(UnauthenticatedException.class);
      assertThatThrownBy(() -> complete("not a challenge", code(enrolled.secret())))
          .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void aRecoveryCode_logsInOnce_andTheOwnerIsToldHowManyAreLeft() {
      Enrolled enrolled = enrolledAda();
      String recovery = enrolled.recoveryCodes().get(3);

      AuthTokens tokens = completeWithRecovery(challenge(), recovery.toUpperCase());

      assertThat(fixture.actor(tokens).methods()).isEqualTo(AuthMethods.PASSWORD_AND_OTP);
      assertThat(fixture.events).filteredOn(e -> e instanceof UserEvent.RecoveryCodeUsed)
          .singleElement().extracting(UserEvent::details).isEqualTo(Map.of("left", "9"));
      assertThat(fixture.latestMail(ADA).text()).contains("9 codes are left");
      assertThatThrownBy(() -> completeWithRecovery(challenge(), recovery))
          .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void wrongCodes_countAgainstTheLoginThrottle() {
      ServiceFixture strict = new ServiceFixture();
      Actor ada = strict.verifiedUser(ADA);
      byte[] secret = base32Decode(strict.service.enrolTotp().enrol(
          new EnrolTotp.Command(ada, ServiceFixture.PASSWORD, null)).secret());
      strict.service.confirmTotp().confirm(new ConfirmTotp.Command(ada,
          totpAt(secret, strict), null));
      strict.clock.advance(Duration.ofSeconds(30));
      String challenge = ((LoginResult.SecondFactorRequired) strict.login.logIn(
          new AuthenticateUser.Command(ADA, ServiceFixture.PASSWORD, null))).challenge();
      String wrong = totpAt(secret, strict).equals("000000") ? "111111" : "000000";

      ThrottledException throttled = null;
      for (int i = 0; i < 6 && throttled == null; i++) {
        try {
          strict.service.completeLogin().complete(
              new CompleteLogin.Command(challenge, wrong, null, null));
        } catch (UnauthenticatedException expected) {
          // counted
        } catch (ThrottledException e) {
          throttled = e;
        }
      }

      assertThat(throttled).as("the account throttle stops code guessing").isNotNull();
    }

    @Test
    void refresh_keepsTheMethodsTheLoginProved() {
      Enrolled enrolled = enrolledAda();
      AuthTokens otp = complete(challenge(), code(enrolled.secret()));

      AuthTokens refreshed = fixture.refresh.refresh(
          new PresentedRefreshToken(otp.refreshToken(), null));

      assertThat(fixture.actor(refreshed).methods()).isEqualTo(AuthMethods.PASSWORD_AND_OTP);
    }

    @Test
    void refresh_ofASessionFromBeforeEnrolment_staysPasswordOnly() {
      Actor ada = fixture.verifiedUser(ADA);
      AuthTokens before = fixture.loggedIn(ADA);
      byte[] secret = base32Decode(service.enrolTotp().enrol(
          new EnrolTotp.Command(ada, ServiceFixture.PASSWORD, null)).secret());
      service.confirmTotp().confirm(new ConfirmTotp.Command(ada, code(secret), null));

      AuthTokens refreshed = fixture.refresh.refresh(
          new PresentedRefreshToken(before.refreshToken(), null));

      assertThat(fixture.actor(refreshed).methods()).isEqualTo(AuthMethods.PASSWORD);
      assertThat(fixture.refresh.refresh(new PresentedRefreshToken(refreshed.refreshToken(),
          null))).isNotNull();
    }
  }

  @Nested
  class StepUp {

    @Test
    void sensitiveActions_inAPasswordOnlySession_ofAnAccountWithASecondFactor_areRefused() {
      Enrolled enrolled = enrolledAda();
      Actor weak = enrolled.passwordSession();

      assertStepUp(() -> fixture.changePassword.change(new ChangePassword.Command(weak,
          ServiceFixture.PASSWORD, "another long password 42")));
      assertStepUp(() -> fixture.edit.edit(new EditUser.Command(weak, weak.id(), null, null,
          new Email("new@example.com"), new Password(ServiceFixture.PASSWORD), null, null)));
      assertStepUp(() -> fixture.deleteOwn.delete(
          new DeleteOwnAccount.Command(weak, ServiceFixture.PASSWORD, null)));
      assertStepUp(() -> service.removeTotp().remove(new RemoveTotp.Command(weak,
          ServiceFixture.PASSWORD, code(enrolled.secret()), null, null)));
      assertStepUp(() -> service.regenerateRecoveryCodes().regenerate(
          new ActorRequest(weak, null)));
    }

    @Test
    void aSessionThatPassedTheSecondFactor_mayChangeThePassword() {
      Enrolled enrolled = enrolledAda();
      Actor strong = secondFactorSession(enrolled);

      fixture.changePassword.change(new ChangePassword.Command(strong, ServiceFixture.PASSWORD,
          "another long password 42"));
    }

    @Test
    void anAdminWithASecondFactor_needsAStrongSession_toChangeRoles() {
      Actor admin = fixture.admin();
      byte[] secret = base32Decode(service.enrolTotp().enrol(
          new EnrolTotp.Command(admin, ServiceFixture.PASSWORD, null)).secret());
      service.confirmTotp().confirm(new ConfirmTotp.Command(admin, code(secret), null));
      Actor bob = fixture.verifiedUser("bob@example.com");

      assertStepUp(() -> fixture.edit.edit(new EditUser.Command(admin, bob.id(), null, null, null,
          null, Role.ADMIN, null)));
    }

    private void assertStepUp(Runnable action) {
      ForbiddenException refused = catchThrowableOfType(ForbiddenException.class, action::run);
      assertThat(refused).as("a step-up refusal").isNotNull();
      assertThat(refused.isStepUpRequired()).isTrue();
    }
  }

  @Nested
  class Removal {

    @Test
    void theOwner_removesIt_withPasswordAndCode_inAStrongSession_andIsTold() {
      Enrolled enrolled = enrolledAda();
      Actor strong = secondFactorSession(enrolled);

      service.removeTotp().remove(new RemoveTotp.Command(strong, ServiceFixture.PASSWORD,
          code(enrolled.secret()), null, null));

      assertThat(logIn()).isInstanceOf(LoginResult.SessionStarted.class);
      assertThat(types()).contains(EventType.TOTP_REMOVED);
      assertThat(fixture.latestMail(ADA).subject()).contains("Two-step login is off");
    }

    @Test
    void removal_withAWrongCode_isRefused() {
      Enrolled enrolled = enrolledAda();
      Actor strong = secondFactorSession(enrolled);

      assertThatThrownBy(() -> service.removeTotp().remove(new RemoveTotp.Command(strong,
          ServiceFixture.PASSWORD, null, "aaaaa-aaaaa", null)))
          .isInstanceOf(InvalidInputException.class);
      assertThat(logIn()).isInstanceOf(LoginResult.SecondFactorRequired.class);
    }

    @Test
    void newRecoveryCodes_voidTheOldOnes() {
      Enrolled enrolled = enrolledAda();
      Actor strong = secondFactorSession(enrolled);

      List<String> fresh = service.regenerateRecoveryCodes().regenerate(
          new ActorRequest(strong, null));

      assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(enrolled.recoveryCodes());
      assertThatThrownBy(() -> completeWithRecovery(challenge(), enrolled.recoveryCodes().get(0)))
          .isInstanceOf(UnauthenticatedException.class);
      assertThat(completeWithRecovery(challenge(), fresh.get(0))).isNotNull();
    }

    @Test
    void anAdministrator_resetsIt_andTheUserIsTold() {
      Enrolled enrolled = enrolledAda();
      Actor admin = fixture.admin();

      service.resetTotp().reset(new ResetTotp.Command(admin, enrolled.passwordSession().id(),
          null));

      assertThat(logIn()).isInstanceOf(LoginResult.SessionStarted.class);
      assertThat(types()).contains(EventType.TOTP_RESET);
      assertThat(fixture.latestMail(ADA).subject()).contains("administrator turned off");
      assertThatThrownBy(() -> service.resetTotp().reset(new ResetTotp.Command(
          enrolled.passwordSession(), admin.id(), null))).isInstanceOf(ForbiddenException.class);
    }
  }

  private List<EventType> types() {
    return fixture.events.stream().map(UserEvent::type).toList();
  }

  private static String totpAt(byte[] secret, ServiceFixture at) {
    try {
      return TotpTest.independentTotp(secret, at.clock.now().getEpochSecond());
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] base32Decode(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
