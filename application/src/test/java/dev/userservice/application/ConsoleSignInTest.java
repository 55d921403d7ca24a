package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the admin console asks of the use cases: a sign-in for a role, a held session, resend. */
class ConsoleSignInTest {

  private final ServiceFixture fixture = new ServiceFixture();

  private static AuthenticateUser.Command adminSignIn(String email, String password) {
    return new AuthenticateUser.Command(email, password,
        new RequestContext("203.0.113.7", "test", null), Role.ADMIN);
  }

  @Test
  @DisplayName("a right password without the required role fails like a wrong one, is recorded"
      + " and stays counted against the throttle")
  void rightPasswordWithoutTheRole_isRefusedLikeAWrongOne_recorded_andThrottled() {
    fixture.verifiedUser("ada@example.com");
    Throwable wrong = catchFailure(() -> fixture.login.logIn(
        adminSignIn("ada@example.com", "wrong password!")));

    Throwable right = catchFailure(() -> fixture.login.logIn(
        adminSignIn("ada@example.com", ServiceFixture.PASSWORD)));

    assertThat(right).isInstanceOf(UnauthenticatedException.class)
        .hasMessage(wrong.getMessage());
    assertThat(fixture.last(UserEvent.LoginFailed.class).reason())
        .isEqualTo(UserEvent.LoginFailed.Reason.ROLE_REQUIRED);
    for (int i = 0; i < 10; i++) {
      catchFailure(() -> fixture.login.logIn(
          adminSignIn("ada@example.com", ServiceFixture.PASSWORD)));
    }
    assertThatThrownBy(() -> fixture.login.logIn(
        adminSignIn("ada@example.com", ServiceFixture.PASSWORD)))
        .isInstanceOf(ThrottledException.class);
  }

  @Test
  void anAdministratorSignsInForTheRole() {
    fixture.admin();

    LoginResult result = fixture.login.logIn(adminSignIn("admin@example.com",
        ServiceFixture.PASSWORD));

    assertThat(result).isInstanceOf(LoginResult.SessionStarted.class);
    assertThat(fixture.last(UserEvent.LoginSucceeded.class)).isNotNull();
  }

  @Test
  @DisplayName("a held session stands for its actor until a role change ends it")
  void aHeldSession_standsForItsActor_untilARoleChangeEndsIt() {
    Actor first = fixture.admin();
    Actor second = fixture.actor(fixture.login.authenticate(new AuthenticateUser.Command(
        "admin@example.com", ServiceFixture.PASSWORD, null)));
    Actor other = fixture.verifiedUser("ada@example.com");
    User ada = fixture.getUser.get(new GetUser.Query(first, other.id()));
    fixture.users.update(ada.withRole(Role.ADMIN, fixture.clock.now()));
    Actor adaAsAdmin = fixture.actor(fixture.loggedIn("ada@example.com"));

    Actor held = fixture.service.authenticateSession().authenticate(second);
    assertThat(held.id()).isEqualTo(second.id());
    assertThat(held.session()).isEqualTo(second.session());
    assertThat(held.role()).isEqualTo(Role.ADMIN);

    fixture.edit.edit(EditUser.Command.parse(adaAsAdmin, first.id(), null,
        null, null, null, "user", null, null, null, null, null));

    assertThatThrownBy(() -> fixture.service.authenticateSession().authenticate(second))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void anAdministratorResendsTheCodeOfAnotherAccount_asTheActor_andAUserMayNot() {
    Actor admin = fixture.admin();
    User ada = fixture.registered("ada@example.com");
    Actor bob = fixture.verifiedUser("bob@example.com");
    fixture.passes(java.time.Duration.ofMinutes(2));
    fixture.newEvents();

    fixture.resend.resend(new ResendVerificationCode.Command(admin, ada.id(), null));

    assertThat(fixture.newEvents()).containsExactly(EventType.VERIFICATION_CODE_SENT);
    assertThat(fixture.last(UserEvent.VerificationCodeSent.class).meta().actor())
        .isEqualTo(new Initiator(Initiator.Kind.ADMIN, admin.id()));
    assertThatThrownBy(() -> fixture.resend.resend(
        new ResendVerificationCode.Command(bob, ada.id(), null)))
        .isInstanceOf(ForbiddenException.class);
  }

  private static Throwable catchFailure(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
