package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.Actor;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidCodeException;
import dev.userservice.domain.StatusReason;
import dev.userservice.domain.User;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InvitationsTest {

  private static final String PASSWORD = "a passphrase of my own";

  private final ServiceFixture fixture = new ServiceFixture();

  private User invite(Actor actor, String email) {
    return fixture.service.inviteUser().invite(
        new InviteUser.Command(actor, email, null, null, null, null, null));
  }

  private AuthTokens accept(String email, String code) {
    return fixture.service.acceptInvitation().accept(
        new AcceptInvitation.Command(email, code, PASSWORD, null));
  }

  @Test
  void onlyAnAdministrator_invites_andNothingIsStoredOrSentOtherwise() {
    Actor user = fixture.verifiedUser("ada@example.com");

    assertThatThrownBy(() -> invite(user, "grace@example.com"))
        .isInstanceOf(ForbiddenException.class);
    assertThat(fixture.users.findByEmail(new dev.userservice.domain.Email("grace@example.com")))
        .isEmpty();
    assertThatThrownBy(() -> fixture.service.resendInvitation().resend(
        new ResendInvitation.Command(user, fixture.registered("bob@example.com").id(), null)))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void anInvitation_isAcceptedOnce_verifiesTheEmail_andRecordsBothEvents() {
    Actor admin = fixture.admin();
    User invited = invite(admin, "grace@example.com");
    assertThat(invited.invitedUntil()).contains(fixture.clock.now().plus(Duration.ofDays(7)));
    assertThat(fixture.last(UserEvent.Invited.class).resent()).isFalse();
    String code = fixture.latestCode("grace@example.com").digits();
    fixture.newEvents();

    AuthTokens tokens = accept("grace@example.com", code);

    assertThat(tokens.accessToken()).isNotBlank();
    User accepted = fixture.users.findById(invited.id()).orElseThrow();
    assertThat(accepted.isEmailVerified()).isTrue();
    assertThat(accepted.invitedUntil()).isEmpty();
    assertThat(fixture.newEvents())
        .containsExactly(EventType.INVITATION_ACCEPTED, EventType.LOGIN_SUCCEEDED);
    assertThatThrownBy(() -> accept("grace@example.com", code))
        .isInstanceOf(InvalidCodeException.class);
  }

  @Test
  void aDisabledInvitee_cannotAccept_withTheSameAnswerAsAWrongCode() {
    Actor admin = fixture.admin();
    User invited = invite(admin, "grace@example.com");
    String code = fixture.latestCode("grace@example.com").digits();
    fixture.edit.edit(new EditUser.Command(admin, invited.id(), null, null, null, null, null,
        null, AccountStatus.DISABLED, StatusReason.ofNullable("left", "reason"), null, null));

    assertThatThrownBy(() -> accept("grace@example.com", code))
        .isInstanceOfSatisfying(InvalidCodeException.class, e ->
            assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.INVALID));
  }

  @Test
  void theInvitationsLifetime_isThePolicys_notTheVerificationCodes() {
    var fixtureWithThreeDays = new ServiceFixture(SecurityPolicy.defaults().withCodes(
        new SecurityPolicy.CodeRules(Duration.ofMinutes(10), 5,
            SecurityPolicy.CodeRules.defaults().resendLimits(),
            SecurityPolicy.CodeRules.defaults().resetGuessCap(), Duration.ofDays(3))),
        new dev.userservice.adapter.crypto.Argon2Settings(1024, 1, 1));
    User invited = fixtureWithThreeDays.service.inviteUser().invite(new InviteUser.Command(
        fixtureWithThreeDays.admin(), "grace@example.com", null, null, null, null, null));
    String code = fixtureWithThreeDays.latestCode("grace@example.com").digits();

    assertThat(invited.invitedUntil())
        .contains(fixtureWithThreeDays.clock.now().plus(Duration.ofDays(3)));
    fixtureWithThreeDays.passes(Duration.ofDays(2));
    assertThat(fixtureWithThreeDays.service.acceptInvitation().accept(
        new AcceptInvitation.Command("grace@example.com", code, PASSWORD, null)).accessToken())
        .isNotBlank();
  }
}
