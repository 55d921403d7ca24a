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
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationAndVerificationTest {

  private final World world = new World();

  @Test
  void register_storesAnUnverifiedUserWithNormalizedEmailAndMailsASixDigitCode() {
    User user = world.register.register(
        new RegisterUser.Command("  Ada@Example.COM ", World.PASSWORD, " Ada ", "", null));

    assertThat(user.email()).isEqualTo(new Email("ada@example.com"));
    assertThat(user.firstName()).hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("Ada"));
    assertThat(user.lastName()).isEmpty();
    assertThat(user.role()).isEqualTo(Role.USER);
    assertThat(user.isEmailVerified()).isFalse();
    assertThat(user.passwordHash().value()).startsWith("$argon2id$").doesNotContain(World.PASSWORD);
    assertThat(world.users.findById(user.id())).contains(user);
    var mail = world.latestMail("ada@example.com");
    assertThat(mail.subject()).isEqualTo("Your verification code").doesNotContainPattern("\\d");
    assertThat(mail.text()).containsPattern("\\b\\d{6}\\b");
    assertThat(mail.text()).contains("10 minutes").contains("did not");
  }

  @Test
  void register_whileTheCodeStoreIsDown_storesNothing_soARetrySucceeds() {
    SwitchableCodeStore codes = new SwitchableCodeStore(world.tokenStore);
    codes.down(true);
    RegisterUser register = world.serviceWith(codes).registerUser();
    var command = new RegisterUser.Command("ada@example.com", World.PASSWORD, null, null, null);

    assertThatThrownBy(() -> register.register(command))
        .isInstanceOf(UnavailableException.class);
    assertThat(world.users.findByEmail(new Email("ada@example.com"))).isEmpty();
    assertThat(world.outbox.pending()).isZero();

    codes.down(false);
    assertThat(register.register(command).email()).isEqualTo(new Email("ada@example.com"));
    assertThat(world.outbox.pending()).isEqualTo(1);
  }

  @Test
  void register_withATakenEmailInAnyCase_isAConflict() {
    world.registered("ada@example.com");

    assertThatThrownBy(() -> world.registered("ADA@example.com"))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void register_withAShortPassword_isInvalidAndStoresNothing() {
    assertThatThrownBy(() -> world.register.register(
        new RegisterUser.Command("ada@example.com", "short", null, null, null)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.errors()).extracting("field").containsExactly("password"));
    assertThat(world.users.findByEmail(new Email("ada@example.com"))).isEmpty();
  }

  @Test
  void commands_refuseInvalidFieldsBeforeAnythingHappens() {
    assertThatThrownBy(() -> new RegisterUser.Command("not-an-email", World.PASSWORD, null, null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("email");
    assertThatThrownBy(() -> new RegisterUser.Command("a@example.com", "x".repeat(129), null, null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("password");
    assertThatThrownBy(() -> new RegisterUser.Command("a@example.com", World.PASSWORD, "n".repeat(51), null, null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("first_name");
  }

  @Test
  void register_isThrottledPerClientAddress() {
    SecurityPolicy tight = new SecurityPolicy(world.policy.passwordPolicy(),
        world.policy.refreshTokenTtl(), world.policy.refreshReuseGrace(), world.policy.codeTtl(),
        5, world.policy.codeResendLimits(), 5, world.policy.loginFailureWindow(), 2,
        world.policy.unverifiedAccountTtl());
    World small = new World(tight, new dev.userservice.adapter.crypto.Argon2Settings(1024, 1, 1));
    small.register.register(new RegisterUser.Command("a@example.com", World.PASSWORD, null, null, RequestContext.from("10.0.0.1")));
    small.register.register(new RegisterUser.Command("b@example.com", World.PASSWORD, null, null, RequestContext.from("10.0.0.1")));

    assertThatThrownBy(() -> small.register.register(
        new RegisterUser.Command("c@example.com", World.PASSWORD, null, null, RequestContext.from("10.0.0.1"))))
        .isInstanceOfSatisfying(ThrottledException.class,
            e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
    small.register.register(new RegisterUser.Command("c@example.com", World.PASSWORD, null, null, RequestContext.from("10.0.0.2")));
  }

  @Test
  void verify_withTheMailedCode_marksTheEmailVerified() {
    world.registered("ada@example.com");
    var actor = world.actor(world.loggedIn("ada@example.com"));

    User verified = world.verify.verify(actor, world.latestCode("ada@example.com"), null);

    assertThat(verified.isEmailVerified()).isTrue();
    assertThat(verified.emailVerifiedAt()).contains(world.clock.now());
    assertThatThrownBy(() -> world.verify.verify(actor, new VerificationCode("000000"), null))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void verify_withAWrongCode_isRejectedAndTheFifthMissVoidsTheCode() {
    world.registered("ada@example.com");
    var actor = world.actor(world.loggedIn("ada@example.com"));
    VerificationCode right = world.latestCode("ada@example.com");
    VerificationCode wrong = new VerificationCode(right.digits().equals("000000") ? "111111" : "000000");

    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> world.verify.verify(actor, wrong, null))
          .isInstanceOfSatisfying(InvalidCodeException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.WRONG));
    }
    assertThatThrownBy(() -> world.verify.verify(actor, wrong, null))
        .isInstanceOfSatisfying(InvalidCodeException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.EXHAUSTED));
    assertThatThrownBy(() -> world.verify.verify(actor, right, null))
        .isInstanceOf(InvalidCodeException.class);
  }

  @Test
  void givenExpiredCode_verify_isRejected() {
    world.registered("ada@example.com");
    var actor = world.actor(world.loggedIn("ada@example.com"));
    VerificationCode code = world.latestCode("ada@example.com");

    world.passes(Duration.ofMinutes(10).plusSeconds(1));

    assertThatThrownBy(() -> world.verify.verify(actor, code, null))
        .isInstanceOfSatisfying(InvalidCodeException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.EXPIRED));
  }

  @Test
  void resend_waitsAMinuteBetweenCodes_allowsFivePerHour_andVoidsThePreviousCode() {
    world.registered("ada@example.com");
    var actor = world.actor(world.loggedIn("ada@example.com"));
    VerificationCode first = world.latestCode("ada@example.com");

    assertThatThrownBy(() -> world.resend.resend(actor, null))
        .isInstanceOfSatisfying(ThrottledException.class,
            e -> assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60)));
    for (int i = 0; i < 4; i++) {
      world.passes(Duration.ofSeconds(61));
      world.resend.resend(actor, null);
    }
    world.passes(Duration.ofSeconds(61));
    assertThatThrownBy(() -> world.resend.resend(actor, null))
        .isInstanceOf(ThrottledException.class);

    VerificationCode latest = world.latestCode("ada@example.com");
    if (!latest.equals(first)) {
      assertThatThrownBy(() -> world.verify.verify(actor, first, null))
          .isInstanceOf(InvalidCodeException.class);
    }
    assertThat(world.verify.verify(actor, latest, null).isEmailVerified()).isTrue();
  }

  @Test
  void resend_forAVerifiedEmail_isAConflict() {
    var actor = world.verifiedUser("ada@example.com");

    assertThatThrownBy(() -> world.resend.resend(actor, null)).isInstanceOf(ConflictException.class);
  }

  @Test
  void registration_succeedsWhileTheMailServerIsDown_andTheLetterArrivesLater() {
    world.mailer.setAvailable(false);
    world.registered("ada@example.com");

    assertThat(world.deliver.deliverDue()).isZero();
    assertThat(world.outbox.pending()).isEqualTo(1);

    world.mailer.setAvailable(true);
    world.passes(Duration.ofMinutes(1));
    assertThat(world.deliver.deliverDue()).isEqualTo(1);
    assertThat(world.mailer.latestTo(new Email("ada@example.com"))).isPresent();
    assertThat(world.outbox.pending()).isZero();
  }
}
