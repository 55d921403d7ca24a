package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.InvalidCodeException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.User;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.port.Switchable;
import dev.userservice.domain.port.CodeStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationAndVerificationTest {

  private final ServiceFixture fixture = new ServiceFixture();

  @Test
  void register_storesAnUnverifiedUserWithNormalizedEmailAndMailsASixDigitCode() {
    User user = fixture.register.register(
        new RegisterUser.Command("  Ada@Example.COM ", ServiceFixture.PASSWORD, " Ada ", "", null));

    assertThat(user.email()).isEqualTo(new Email("ada@example.com"));
    assertThat(user.firstName()).hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("Ada"));
    assertThat(user.lastName()).isEmpty();
    assertThat(user.role()).isEqualTo(Role.USER);
    assertThat(user.isEmailVerified()).isFalse();
    assertThat(user.passwordHash().value()).startsWith("$argon2id$")
        .doesNotContain(ServiceFixture.PASSWORD);
    assertThat(fixture.users.findById(user.id())).contains(user);
    var mail = fixture.latestMail("ada@example.com");
    assertThat(mail.subject()).isEqualTo("Your User Service verification code").doesNotContainPattern("\\d");
    assertThat(mail.text()).containsPattern("\\b\\d{6}\\b");
    assertThat(mail.text()).contains("10 minutes").contains("did not");
  }

  @Test
  void register_whileTheCodeStoreIsDown_storesNothing_soARetrySucceeds() {
    Switchable<CodeStore> codes = Switchable.of(CodeStore.class, fixture.tokenStore, "redis");
    codes.down(true);
    RegisterUser register = fixture.serviceWith(codes.port()).registerUser();
    var command = new RegisterUser.Command("ada@example.com", ServiceFixture.PASSWORD, null, null, null);

    assertThatThrownBy(() -> register.register(command))
        .isInstanceOf(UnavailableException.class);
    assertThat(fixture.users.findByEmail(new Email("ada@example.com"))).isEmpty();
    assertThat(fixture.outbox.pending()).isZero();

    codes.down(false);
    assertThat(register.register(command).email()).isEqualTo(new Email("ada@example.com"));
    assertThat(fixture.outbox.pending()).isEqualTo(1);
  }

  @Test
  void register_withATakenEmailInAnyCase_isAConflict() {
    fixture.registered("ada@example.com");

    assertThatThrownBy(() -> fixture.registered("ADA@example.com"))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void register_withAShortPassword_isInvalidAndStoresNothing() {
    assertThatThrownBy(() -> fixture.register.register(
        new RegisterUser.Command("ada@example.com", "short", null, null, null)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.errors()).extracting("field").containsExactly("password"));
    assertThat(fixture.users.findByEmail(new Email("ada@example.com"))).isEmpty();
  }

  @Test
  void commands_refuseInvalidFieldsBeforeAnythingHappens() {
    assertThatThrownBy(() -> new RegisterUser.Command("not-an-email", ServiceFixture.PASSWORD, null, null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("email");
    assertThatThrownBy(() -> new RegisterUser.Command("a@example.com", "x".repeat(129), null, null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("password");
    assertThatThrownBy(() -> new RegisterUser.Command("a@example.com", ServiceFixture.PASSWORD, "n".repeat(51), null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("first_name");
  }

  @Test
  void register_isThrottledPerClientAddress() {
    SecurityPolicy tight = fixture.policy.withThrottling(new SecurityPolicy.Throttling(5,
        fixture.policy.throttling().loginFailureWindow(), 2));
    ServiceFixture small =
        new ServiceFixture(tight, new dev.userservice.adapter.crypto.Argon2Settings(1024, 1, 1));
    small.register.register(
        new RegisterUser.Command("a@example.com", ServiceFixture.PASSWORD, null, null,
            RequestContext.from("10.0.0.1")));
    small.register.register(
        new RegisterUser.Command("b@example.com", ServiceFixture.PASSWORD, null, null,
            RequestContext.from("10.0.0.1")));

    assertThatThrownBy(() -> small.register.register(
        new RegisterUser.Command("c@example.com", ServiceFixture.PASSWORD, null, null, RequestContext.from("10.0.0.1"))))
        .isInstanceOfSatisfying(ThrottledException.class,
            e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
    small.register.register(
        new RegisterUser.Command("c@example.com", ServiceFixture.PASSWORD, null, null,
            RequestContext.from("10.0.0.2")));
  }

  @Test
  void verify_withTheMailedCode_marksTheEmailVerified() {
    fixture.registered("ada@example.com");
    var actor = fixture.actor(fixture.loggedIn("ada@example.com"));

    User verified = fixture.verify.verify(
        new VerifyEmail.Command(actor, fixture.latestCode("ada@example.com"), null));

    assertThat(verified.isEmailVerified()).isTrue();
    assertThat(verified.emailVerifiedAt()).contains(fixture.clock.now());
    assertThatThrownBy(() -> fixture.verify.verify(
        new VerifyEmail.Command(actor, new VerificationCode("000000"), null)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void verify_withAWrongCode_isRejectedAndTheFifthMissVoidsTheCode() {
    fixture.registered("ada@example.com");
    var actor = fixture.actor(fixture.loggedIn("ada@example.com"));
    VerificationCode right = fixture.latestCode("ada@example.com");
    VerificationCode wrong = new VerificationCode(right.digits().equals("000000") ? "111111" : "000000");

    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> fixture.verify.verify(new VerifyEmail.Command(actor, wrong, null)))
          .isInstanceOfSatisfying(InvalidCodeException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.WRONG));
    }
    assertThatThrownBy(() -> fixture.verify.verify(new VerifyEmail.Command(actor, wrong, null)))
        .isInstanceOfSatisfying(InvalidCodeException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.EXHAUSTED));
    assertThatThrownBy(() -> fixture.verify.verify(new VerifyEmail.Command(actor, right, null)))
        .isInstanceOf(InvalidCodeException.class);
  }

  @Test
  void givenExpiredCode_verify_isRejected() {
    fixture.registered("ada@example.com");
    var actor = fixture.actor(fixture.loggedIn("ada@example.com"));
    VerificationCode code = fixture.latestCode("ada@example.com");

    fixture.passes(Duration.ofMinutes(10).plusSeconds(1));

    assertThatThrownBy(() -> fixture.verify.verify(new VerifyEmail.Command(actor, code, null)))
        .isInstanceOfSatisfying(InvalidCodeException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.EXPIRED));
  }

  @Test
  void resend_waitsAMinuteBetweenCodes_allowsFivePerHour_andVoidsThePreviousCode() {
    fixture.registered("ada@example.com");
    var actor = fixture.actor(fixture.loggedIn("ada@example.com"));
    VerificationCode first = fixture.latestCode("ada@example.com");

    assertThatThrownBy(() -> fixture.resend.resend(new ActorRequest(actor, null)))
        .isInstanceOfSatisfying(ThrottledException.class,
            e -> assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60)));
    for (int i = 0; i < 4; i++) {
      fixture.passes(Duration.ofSeconds(61));
      fixture.resend.resend(new ActorRequest(actor, null));
    }
    fixture.passes(Duration.ofSeconds(61));
    assertThatThrownBy(() -> fixture.resend.resend(new ActorRequest(actor, null)))
        .isInstanceOf(ThrottledException.class);

    VerificationCode latest = fixture.latestCode("ada@example.com");
    if (!latest.equals(first)) {
      assertThatThrownBy(() -> fixture.verify.verify(new VerifyEmail.Command(actor, first, null)))
          .isInstanceOf(InvalidCodeException.class);
    }
    assertThat(fixture.verify.verify(
        new VerifyEmail.Command(actor, latest, null)).isEmailVerified()).isTrue();
  }

  @Test
  void resend_forAVerifiedEmail_isAConflict() {
    var actor = fixture.verifiedUser("ada@example.com");

    assertThatThrownBy(() -> fixture.resend.resend(
        new ActorRequest(actor, null))).isInstanceOf(ConflictException.class);
  }

  @Test
  void registration_succeedsWhileTheMailServerIsDown_andTheLetterArrivesLater() {
    fixture.mailer.setAvailable(false);
    fixture.registered("ada@example.com");

    assertThat(fixture.deliver.deliverDue()).isZero();
    assertThat(fixture.outbox.pending()).isEqualTo(1);

    fixture.mailer.setAvailable(true);
    fixture.passes(Duration.ofMinutes(1));
    assertThat(fixture.deliver.deliverDue()).isEqualTo(1);
    assertThat(fixture.mailer.latestTo(new Email("ada@example.com"))).isPresent();
    assertThat(fixture.outbox.pending()).isZero();
  }
}
