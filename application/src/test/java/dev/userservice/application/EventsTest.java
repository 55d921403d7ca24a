package dev.userservice.application;

import static dev.userservice.domain.event.EventType.ADMIN_CREATED;
import static dev.userservice.domain.event.EventType.EMAIL_CHANGED;
import static dev.userservice.domain.event.EventType.EMAIL_CHANGE_REQUESTED;
import static dev.userservice.domain.event.EventType.EMAIL_VERIFIED;
import static dev.userservice.domain.event.EventType.LOGGED_OUT;
import static dev.userservice.domain.event.EventType.LOGGED_OUT_EVERYWHERE;
import static dev.userservice.domain.event.EventType.LOGIN_FAILED;
import static dev.userservice.domain.event.EventType.LOGIN_SUCCEEDED;
import static dev.userservice.domain.event.EventType.PASSWORD_CHANGED;
import static dev.userservice.domain.event.EventType.PASSWORD_RESET;
import static dev.userservice.domain.event.EventType.PASSWORD_RESET_REQUESTED;
import static dev.userservice.domain.event.EventType.PROFILE_UPDATED;
import static dev.userservice.domain.event.EventType.REFRESH_REUSE_DETECTED;
import static dev.userservice.domain.event.EventType.REGISTERED;
import static dev.userservice.domain.event.EventType.ROLE_CHANGED;
import static dev.userservice.domain.event.EventType.USER_DELETED;
import static dev.userservice.domain.event.EventType.USER_PURGED;
import static dev.userservice.domain.event.EventType.VERIFICATION_CODE_SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.event.UserEvent.LoginFailed.Reason;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.EventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every use case emits the event of what it did, only when it did it, to the audit trail and the
 * listeners alike, with who, when and from where, and never a secret.
 */
class EventsTest {

  private static final RequestContext FROM =
      new RequestContext("198.51.100.20", "curl/8.5", "req-1");
  private static final String NEW_PASSWORD = "a brand new password";

  private final ServiceFixture fixture = new ServiceFixture();

  @Test
  void registration_recordsTheAccountAndItsCode_fromTheRequest() {
    User ada = fixture.register.register(
        new RegisterUser.Command("ada@example.com", ServiceFixture.PASSWORD, null, null, FROM));

    assertThat(fixture.newEvents()).containsExactly(REGISTERED, VERIFICATION_CODE_SENT);
    UserEvent.Registered registered = fixture.last(UserEvent.Registered.class);
    assertThat(registered.meta().subject()).isEqualTo(ada.id());
    assertThat(registered.meta().actor()).isEqualTo(Initiator.self(ada.id()));
    assertThat(registered.meta().request()).isEqualTo(FROM);
    assertThat(registered.meta().at()).isEqualTo(fixture.clock.now());
    assertThat(trailTypes()).containsExactly(VERIFICATION_CODE_SENT, REGISTERED);
  }

  @Test
  void aRefusedRegistration_emitsNothing() {
    fixture.registered("ada@example.com");
    fixture.newEvents();

    assertThatThrownBy(() -> fixture.registered("ada@example.com"));
    assertThat(fixture.newEvents()).isEmpty();
  }

  @Test
  void login_recordsItsNewSession_andEachFailureItsReason_seenOnlyInTheEvent() {
    User ada = fixture.registered("ada@example.com");
    fixture.newEvents();

    AuthTokens tokens = fixture.login.authenticate(
        new AuthenticateUser.Command("ada@example.com", ServiceFixture.PASSWORD, FROM));
    assertThatThrownBy(() -> fixture.login.authenticate(
        new AuthenticateUser.Command("ada@example.com", "wrong password!", FROM)))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> fixture.login.authenticate(
        new AuthenticateUser.Command("nobody@example.com", "wrong password!", FROM)))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("wrong email or password");

    assertThat(fixture.newEvents()).isEqualTo(List.of(LOGIN_SUCCEEDED, LOGIN_FAILED, LOGIN_FAILED));
    assertThat(trailTypes()).filteredOn(type -> type == LOGIN_SUCCEEDED).hasSize(1);
    List<AuditEntry> failures = fixture.auditTrail.entries().stream()
        .filter(entry -> entry.type() == LOGIN_FAILED).toList();
    assertThat(failures).extracting(entry -> entry.details().get("reason"))
        .containsExactly("unknown_account", "wrong_password");
    assertThat(failures).extracting(AuditEntry::subject).containsExactly(null, ada.id());
    assertThat(failures).allSatisfy(failure -> {
      assertThat(failure.actor()).isEqualTo(Initiator.anonymous());
      assertThat(failure.clientAddress()).isEqualTo("198.51.100.20");
    });
    AuditEntry success = fixture.auditTrail.entries().stream()
        .filter(entry -> entry.type() == LOGIN_SUCCEEDED).findFirst().orElseThrow();
    assertThat(success.session()).isEqualTo(fixture.actor(tokens).session());
    assertThat(success.actor()).isEqualTo(Initiator.self(ada.id()));
  }

  @Test
  void aThrottledLogin_isRecordedAsFailed_throttled_withoutLookingTheAccountUp() {
    fixture.registered("ada@example.com");
    for (int i = 0; i < fixture.policy.throttling().loginFailuresPerAccount(); i++) {
      assertThatThrownBy(() -> fixture.login.authenticate(
          new AuthenticateUser.Command("ada@example.com", "wrong password!", null)));
    }
    fixture.newEvents();

    assertThatThrownBy(() -> fixture.login.authenticate(
        new AuthenticateUser.Command("ada@example.com", ServiceFixture.PASSWORD, null)))
        .isInstanceOf(ThrottledException.class);

    UserEvent.LoginFailed throttled = fixture.last(UserEvent.LoginFailed.class);
    assertThat(throttled.reason()).isEqualTo(Reason.THROTTLED);
    assertThat(throttled.meta().subject()).isNull();
    assertThat(fixture.newEvents()).containsExactly(LOGIN_FAILED);
  }

  @Test
  void throttledLogins_areStoredOnceAMinutePerAddress_andAllHeardByTheListeners() {
    fixture.registered("ada@example.com");
    AuthenticateUser.Command wrong = new AuthenticateUser.Command("ada@example.com",
        "wrong password!", FROM);
    for (int i = 0; i < fixture.policy.throttling().loginFailuresPerAccount(); i++) {
      assertThatThrownBy(() -> fixture.login.authenticate(wrong));
    }
    fixture.newEvents();
    int stored = fixture.auditTrail.entries().size();

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> fixture.login.authenticate(wrong))
          .isInstanceOf(ThrottledException.class);
    }
    assertThat(fixture.newEvents()).hasSize(5).containsOnly(LOGIN_FAILED);
    assertThat(fixture.auditTrail.entries()).hasSize(stored + 1);

    fixture.clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> fixture.login.authenticate(wrong))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> fixture.login.authenticate(wrong))
        .isInstanceOf(ThrottledException.class);
    assertThat(fixture.auditTrail.entries()).as("a minute later: the wrong guess and one refusal")
        .hasSize(stored + 3);
  }

  @Test
  void refresh_recordsNothing_butReuseEndsTheSession_andIsRecorded() {
    fixture.registered("ada@example.com");
    AuthTokens first = fixture.loggedInAda();
    Actor ada = fixture.actor(first);
    fixture.newEvents();

    fixture.refresh.refresh(new PresentedRefreshToken(first.refreshToken(), FROM));
    assertThat(fixture.newEvents()).as("a rotation").isEmpty();

    fixture.passes(fixture.policy.sessions().refreshReuseGrace().plusSeconds(1));
    assertThatThrownBy(() -> fixture.refresh.refresh(
        new PresentedRefreshToken(first.refreshToken(), FROM)))
        .isInstanceOf(UnauthenticatedException.class);
    assertThat(fixture.newEvents()).containsExactly(REFRESH_REUSE_DETECTED);
    assertThat(fixture.last(UserEvent.RefreshReuseDetected.class).meta().session())
        .isEqualTo(ada.session());
  }

  @Test
  void logout_isRecordedOnlyWhenItEndedASession_andLogoutEverywhereAlways() {
    fixture.registered("ada@example.com");
    AuthTokens tokens = fixture.loggedInAda();
    Actor ada = fixture.actor(fixture.loggedInAda());
    fixture.newEvents();

    fixture.logOut.logOut(new PresentedRefreshToken(tokens.refreshToken(), FROM));
    fixture.logOut.logOut(new PresentedRefreshToken(tokens.refreshToken(), FROM));
    assertThat(fixture.newEvents()).containsExactly(LOGGED_OUT);

    fixture.logOutEverywhere.logOutEverywhere(new ActorRequest(ada, FROM));
    assertThat(fixture.newEvents()).containsExactly(LOGGED_OUT_EVERYWHERE);
    assertThat(fixture.last(UserEvent.LoggedOutEverywhere.class).meta().session())
        .isEqualTo(ada.session());
  }

  @Test
  void verification_firstOfTheAccount_thenOfAChangedAddress() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    assertThat(fixture.newEvents()).containsSubsequence(EMAIL_VERIFIED);
    fixture.passes(Duration.ofMinutes(2));

    fixture.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("ada@new.example"), new Password(ServiceFixture.PASSWORD), null, null, FROM));
    assertThat(fixture.newEvents()).containsExactly(EMAIL_CHANGE_REQUESTED, VERIFICATION_CODE_SENT);
    UserEvent.EmailChangeRequested requested = fixture.last(UserEvent.EmailChangeRequested.class);
    assertThat(requested.details())
        .containsEntry("old_email", "ada@example.com")
        .containsEntry("new_email", "ada@new.example");

    fixture.verify.verify(
        new VerifyEmail.Command(ada, fixture.latestCode("ada@new.example"), FROM));
    assertThat(fixture.newEvents()).containsExactly(EMAIL_CHANGED);
  }

  @Test
  void resend_recordsTheCodeSent_andAWrongCodeRecordsNothing() {
    fixture.registered("ada@example.com");
    Actor ada = fixture.actor(fixture.loggedInAda());
    fixture.passes(Duration.ofMinutes(2));
    fixture.newEvents();

    fixture.resend.resend(new ActorRequest(ada, FROM));
    assertThat(fixture.newEvents()).containsExactly(VERIFICATION_CODE_SENT);

    assertThatThrownBy(() -> fixture.verify.verify(
        new VerifyEmail.Command(ada, wrongCode("ada@example.com"), FROM)));
    assertThat(fixture.newEvents()).isEmpty();
  }

  @Test
  void edits_recordNames_role_byTheAdministrator_andAnEmptyEditNothing() {
    Actor admin = fixture.admin();
    Actor bob = fixture.verifiedUser("bob@example.com");
    fixture.newEvents();

    fixture.edit.edit(new EditUser.Command(admin, bob.id(),
        FieldUpdate.to(PersonName.ofNullable("Bob", "first_name")), null, null, null, Role.ADMIN,
        null, FROM));
    assertThat(fixture.newEvents()).containsExactly(PROFILE_UPDATED, ROLE_CHANGED);
    UserEvent.RoleChanged changed = fixture.last(UserEvent.RoleChanged.class);
    assertThat(changed.meta().actor()).isEqualTo(new Initiator(Initiator.Kind.ADMIN, admin.id()));
    assertThat(changed.meta().subject()).isEqualTo(bob.id());
    assertThat(changed.details()).containsEntry("old_role", "USER")
        .containsEntry("new_role", "ADMIN");
    assertThat(fixture.last(UserEvent.ProfileUpdated.class).fields())
        .containsExactly("first_name");

    fixture.edit.edit(new EditUser.Command(admin, bob.id(), null, null, null, null, null, null));
    assertThat(fixture.newEvents()).isEmpty();
  }

  @Test
  void passwordChange_andReset_areRecorded_andARefusedOneIsNot() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    fixture.newEvents();

    assertThatThrownBy(() -> fixture.changePassword.change(new ChangePassword.Command(ada,
        new Password("wrong password"), new Password(NEW_PASSWORD), FROM)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(fixture.newEvents()).isEmpty();
    fixture.changePassword.change(new ChangePassword.Command(ada,
        new Password(ServiceFixture.PASSWORD), new Password(NEW_PASSWORD), FROM));
    assertThat(fixture.newEvents()).containsExactly(PASSWORD_CHANGED);

    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), FROM));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("nobody@example.com"), FROM));
    VerificationCode code = fixture.latestCode("ada@example.com");
    assertThat(fixture.newEvents()).as("only the registered account's request")
        .containsExactly(PASSWORD_RESET_REQUESTED);
    UserEvent.PasswordResetRequested requested =
        fixture.last(UserEvent.PasswordResetRequested.class);
    assertThat(requested.codeSent()).isTrue();
    assertThat(requested.meta().request()).as("carried through the queue").isEqualTo(FROM);

    fixture.reset.reset(new ResetPassword.Command("ada@example.com", code.digits(),
        "another new password", FROM));
    assertThat(fixture.newEvents()).containsExactly(PASSWORD_RESET);
  }

  @Test
  void deletion_purge_andTheFirstAdministrator_areRecorded_byWhoDidThem() {
    Actor admin = fixture.admin();
    assertThat(fixture.newEvents()).startsWith(ADMIN_CREATED);
    assertThat(fixture.last(UserEvent.AdminCreated.class).meta().actor())
        .isEqualTo(Initiator.system());
    User bob = fixture.registered("bob@example.com");
    User carol = fixture.registered("carol@example.com");
    fixture.newEvents();

    fixture.delete.delete(new DeleteUser.Command(admin, bob.id(), FROM));
    assertThat(fixture.newEvents()).containsExactly(USER_DELETED);

    fixture.passes(fixture.policy.unverifiedAccountTtl().plusMinutes(1));
    fixture.purge.purge();
    assertThat(fixture.newEvents()).containsExactly(USER_PURGED);
    assertThat(fixture.last(UserEvent.UserPurged.class).meta().subject()).isEqualTo(carol.id());
  }

  @Test
  void noEventCarriesASecret() {
    fixture.register.register(
        new RegisterUser.Command("ada@example.com", ServiceFixture.PASSWORD, null, null, FROM));
    Actor ada = fixture.actor(fixture.loggedInAda());
    VerificationCode code = fixture.latestCode("ada@example.com");
    fixture.verify.verify(new VerifyEmail.Command(ada, code, FROM));
    fixture.changePassword.change(new ChangePassword.Command(ada,
        new Password(ServiceFixture.PASSWORD), new Password(NEW_PASSWORD), FROM));

    for (AuditEntry entry : fixture.auditTrail.entries()) {
      String text = entry.toString();
      assertThat(text)
          .doesNotContain(ServiceFixture.PASSWORD, NEW_PASSWORD, code.digits(), "$argon2");
    }
  }

  @Test
  void aListenerThatThrows_failsNothing_andTheOthersStillHear() {
    List<EventType> heard = new ArrayList<>();
    AtomicInteger thrown = new AtomicInteger();
    EventListener broken = event -> {
      thrown.incrementAndGet();
      throw new IllegalStateException("a broken listener");
    };
    UserService service = UserService.create(fixture.ports(), fixture.policy,
        EventListeners.of(broken, event -> heard.add(event.type())));

    service.registerUser().register(
        new RegisterUser.Command("ada@example.com", ServiceFixture.PASSWORD, null, null, null));

    assertThat(thrown).hasValue(2);
    assertThat(heard).containsExactly(REGISTERED, VERIFICATION_CODE_SENT);
    assertThat(fixture.users.findByEmail(new Email("ada@example.com"))).isPresent();
  }

  /** A code that is not the one last mailed to {@code email}. */
  private VerificationCode wrongCode(String email) {
    int real = Integer.parseInt(fixture.latestCode(email).digits());
    return VerificationCode.of((real + 1) % 1_000_000);
  }

  private List<EventType> trailTypes() {
    return fixture.auditTrail.entries().stream().map(AuditEntry::type).toList();
  }
}
