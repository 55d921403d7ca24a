package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.adapter.inmemory.InMemoryMailOutbox.AbandonedMail;
import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.InvalidCodeException;
import dev.userservice.domain.Password;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.ResetRequestQueue;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.Switchable;
import dev.userservice.domain.port.CodeStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The code rules of issue 17: findings 2, 3, 7 and 9, at the use cases. */
class CodeHardeningTest {

  private static final String NEW_PASSWORD = "a brand new password";

  private final ServiceFixture fixture = new ServiceFixture();

  // --- finding 2: the reset endpoints tell no account apart -----------------------------------

  @Test
  @DisplayName("finding 2: a reset request does the same store work for a known and an unknown email")
  void resetRequest_doesTheSameWork_forKnownAndUnknownEmails() {
    fixture.verifiedUser("ada@example.com");
    long lettersBefore = fixture.outbox.pending();
    List<String> forKnown = callsOf(() -> "ada@example.com");
    List<String> forUnknown = callsOf(() -> "nobody@example.com");

    assertThat(forKnown).isEqualTo(forUnknown).isNotEmpty();
    assertThat(fixture.outbox.pending()).as("nothing mailed on the request path")
        .isEqualTo(lettersBefore);

    assertThat(fixture.latestMail("ada@example.com").subject()).contains("reset");
    assertThat(fixture.mailer.sentTo(new Email("nobody@example.com"))).isEmpty();
  }

  @Test
  void anAdministratorsReset_mailsTheCode_andItsEventNamesTheAdministrator() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    Actor admin = fixture.admin();
    fixture.passes(Duration.ofMinutes(2));

    fixture.requestReset.request(new RequestPasswordReset.ForUser(admin, ada.id(),
        RequestContext.from("203.0.113.9")));

    assertThat(fixture.latestMail("ada@example.com").subject()).contains("reset");
    UserEvent.PasswordResetRequested event = fixture.last(UserEvent.PasswordResetRequested.class);
    assertThat(event.meta().subject()).isEqualTo(ada.id());
    assertThat(event.meta().actor()).isEqualTo(new Initiator(Initiator.Kind.ADMIN, admin.id()));
    assertThat(event.meta().request().clientAddress()).isEqualTo("203.0.113.9");
  }

  @Test
  void anOwnersReset_staysAnonymous_andOnlyAnAdministratorMaySendOneForAnAccount() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    Actor bob = fixture.verifiedUser("bob@example.com");
    fixture.passes(Duration.ofMinutes(2));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    fixture.latestMail("ada@example.com");
    assertThat(fixture.last(UserEvent.PasswordResetRequested.class).meta().actor())
        .isEqualTo(Initiator.anonymous());

    assertThatThrownBy(() -> fixture.requestReset.request(
        new RequestPasswordReset.ForUser(bob, ada.id(), null)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> fixture.requestReset.request(
        new RequestPasswordReset.ForUser(fixture.admin(), new UserId(UUID.randomUUID()), null)))
        .isInstanceOf(NotFoundException.class);
  }

  /** The port calls one reset request makes, recorded on the token store and the queue. */
  private List<String> callsOf(java.util.function.Supplier<String> email) {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    RequestPasswordReset request = fixture.serviceWith(fixture.users,
        recording(TokenStore.class, fixture.tokenStore, calls),
        recording(ResetRequestQueue.class, fixture.resetRequests, calls)).requestPasswordReset();
    request.request(
        new RequestPasswordReset.Command(new Email(email.get()),
            RequestContext.from("203.0.113.9")));
    return calls;
  }

  @Test
  @DisplayName("finding 2: every failed reset confirmation is 'invalid', known account or not")
  void resetConfirm_answersEveryFailureAlike() {
    fixture.verifiedUser("ada@example.com");
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    VerificationCode code = fixture.latestCode("ada@example.com");
    String wrong = code.digits().equals("000000") ? "111111" : "000000";

    List<InvalidCodeException.Reason> reasons = new ArrayList<>();
    for (int attempt = 0; attempt < 6; attempt++) {
      reasons.add(failedReset("ada@example.com", wrong));
    }
    reasons.add(failedReset("ada@example.com", code.digits()));
    reasons.add(failedReset("nobody@example.com", wrong));
    fixture.passes(Duration.ofMinutes(13));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    VerificationCode expiring = fixture.latestCode("ada@example.com");
    fixture.passes(Duration.ofMinutes(11));
    reasons.add(failedReset("ada@example.com", expiring.digits()));

    assertThat(reasons).hasSize(9).containsOnly(InvalidCodeException.Reason.INVALID);
    assertThat(new InvalidCodeException(InvalidCodeException.Reason.INVALID).getMessage())
        .isEqualTo("the code is wrong or has expired");
  }

  @Test
  @DisplayName("finding 2: email verification keeps its detailed reasons")
  void verification_keepsDetailedReasons() {
    fixture.registered("ada@example.com");
    Actor ada = fixture.actor(fixture.loggedInAda());
    VerificationCode code = fixture.latestCode("ada@example.com");
    VerificationCode wrong = new VerificationCode(code.digits().equals("000000") ? "111111" : "000000");

    assertThatThrownBy(() -> fixture.verify.verify(new VerifyEmail.Command(ada, wrong, null)))
        .isInstanceOfSatisfying(InvalidCodeException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidCodeException.Reason.WRONG));
  }

  // --- finding 3: letters with codes ----------------------------------------------------------

  @Test
  @DisplayName("finding 3: a letter whose code expired before delivery is never sent, and blanked")
  void letterWhoseCodeExpired_isAbandonedUnsent() {
    fixture.mailer.setAvailable(false);
    fixture.registered("ada@example.com");
    fixture.deliver.deliverDue();
    fixture.mailer.setAvailable(true);

    fixture.passes(fixture.policy.codes().ttl());
    fixture.deliver.deliverDue();

    assertThat(fixture.mailer.sent()).isEmpty();
    assertThat(fixture.outbox.pending()).isZero();
    assertThat(fixture.outbox.abandoned()).singleElement().satisfies(abandoned -> {
      assertThat(abandoned.error()).isEqualTo(DeliverMail.EXPIRED);
      assertThat(abandoned.mail().text()).isEmpty();
      assertThat(abandoned.mail().html()).isEmpty();
    });
  }

  @Test
  @DisplayName("finding 3: a code letter expires with its code; other letters never expire")
  void codeLetters_carryTheCodesExpiry() {
    fixture.registered("ada@example.com");

    Mail letter = fixture.latestMail("ada@example.com");

    assertThat(letter.expiresAt())
        .isEqualTo(fixture.clock.now().plus(fixture.policy.codes().ttl()));
    fixture.changePassword.change(new ChangePassword.Command(
        fixture.actor(fixture.loggedIn("ada@example.com")), ServiceFixture.PASSWORD,
        "a whole new passphrase"));
    assertThat(fixture.latestMail("ada@example.com").expiresAt()).isNull();
  }

  @Test
  void abandonedMail_isPrunedAfterTheRetention() {
    fixture.mailer.setAvailable(false);
    fixture.registered("ada@example.com");
    fixture.passes(fixture.policy.codes().ttl());
    fixture.deliver.deliverDue();
    List<AbandonedMail> abandoned = fixture.outbox.abandoned();
    assertThat(abandoned).hasSize(1);

    fixture.passes(PruneMailOutbox.Settings.defaults().retention().minusSeconds(1));
    assertThat(fixture.pruneMail.prune()).isZero();
    fixture.passes(Duration.ofSeconds(2));
    assertThat(fixture.pruneMail.prune()).isEqualTo(1);
    assertThat(fixture.outbox.abandoned()).isEmpty();
  }

  // --- finding 7: wrong reset codes are capped per account across codes -----------------------

  @Test
  @DisplayName("finding 2: reset requests a store outage interrupted are issued by a later run")
  void resetRequests_interruptedByAnOutage_areIssuedLater() {
    fixture.verifiedUser("ada@example.com");
    fixture.verifiedUser("bob@example.com");
    fixture.passes(Duration.ofMinutes(2));
    Switchable<CodeStore> codes = Switchable.of(CodeStore.class, fixture.tokenStore, "redis");
    IssueResetCodes issue = fixture.serviceWith(codes.port()).issueResetCodes();
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("bob@example.com"), null));

    codes.down(true);
    assertThatThrownBy(issue::issueQueued).isInstanceOf(UnavailableException.class);
    codes.down(false);
    assertThat(issue.issueQueued()).as("both requests were queued again").isEqualTo(2);

    assertThat(fixture.latestMail("ada@example.com").subject()).contains("reset");
    assertThat(fixture.latestMail("bob@example.com").subject()).contains("reset");
  }

  @Test
  @DisplayName("finding 7: ten wrong reset codes lock resets for a day; the owner is told once")
  void wrongResetCodes_areCappedAcrossCodes_andTheOwnerIsToldOnce() {
    fixture.verifiedUser("ada@example.com");
    for (int round = 0; round < 2; round++) {
      fixture.passes(Duration.ofMinutes(13));
      fixture.requestReset.request(
          new RequestPasswordReset.Command(new Email("ada@example.com"), null));
      VerificationCode code = fixture.latestCode("ada@example.com");
      String wrong = code.digits().equals("000000") ? "111111" : "000000";
      for (int miss = 0; miss < 5; miss++) {
        failedReset("ada@example.com", wrong);
      }
    }
    fixture.passes(Duration.ofMinutes(13));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    fixture.issueResetCodes.issueQueued();
    failedReset("ada@example.com", "123456");
    fixture.latestMail("ada@example.com");

    assertThat(fixture.mailer.sentTo(new Email("ada@example.com")))
        .filteredOn(mail -> mail.subject().contains("paused")).hasSize(1);
    assertThat(fixture.mailer.sentTo(new Email("ada@example.com")))
        .filteredOn(mail -> mail.subject().contains("reset code"))
        .as("no code is issued while locked").hasSize(2);

    fixture.passes(Duration.ofHours(24));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    VerificationCode fresh = fixture.latestCode("ada@example.com");
    fixture.reset.reset(new ResetPassword.Command("ada@example.com", fresh.digits(), NEW_PASSWORD));
    assertThat(fixture.mailer.sentTo(new Email("ada@example.com")))
        .filteredOn(mail -> mail.subject().contains("paused")).as("told once").hasSize(1);
  }

  @Test
  @DisplayName("finding 7: both code-confirming use cases share one per-address limit")
  void codeConfirmations_areLimitedPerAddress() {
    fixture.registered("ada@example.com");
    Actor ada = fixture.actor(fixture.loggedInAda());
    RequestContext address = RequestContext.from("198.51.100.7");
    int limit = fixture.policy.throttling().requestsPerAddressPerMinute();
    for (int i = 0; i < limit; i++) {
      if (i % 2 == 0) {
        failedReset("nobody" + i + "@example.com", "123456", address);
      } else {
        assertThatThrownBy(
            () -> fixture.verify.verify(
                new VerifyEmail.Command(ada, new VerificationCode("123456"), address)))
            .isInstanceOf(InvalidCodeException.class);
      }
    }

    assertThatThrownBy(() -> fixture.verify.verify(
        new VerifyEmail.Command(ada, new VerificationCode("123456"), address)))
        .isInstanceOf(ThrottledException.class);
    assertThatThrownBy(() -> fixture.reset.reset(new ResetPassword.Command("nobody@example.com",
        "123456", NEW_PASSWORD, address))).isInstanceOf(ThrottledException.class);
    assertThatThrownBy(() -> fixture.verify.verify(
        new VerifyEmail.Command(ada, new VerificationCode("123456"),
            RequestContext.from("198.51.100.8")))).isInstanceOf(InvalidCodeException.class);
  }

  // --- finding 9: email change ----------------------------------------------------------------

  @Test
  @DisplayName("finding 9: an email change voids a pending reset code; the notice masks the new address")
  void emailChange_voidsPendingResetCodes_andTheNoticeMasksTheNewAddress() {
    Actor ada = fixture.verifiedUser("ada@example.com");
    fixture.passes(Duration.ofMinutes(2));
    fixture.requestReset.request(
        new RequestPasswordReset.Command(new Email("ada@example.com"), null));
    VerificationCode pending = fixture.latestCode("ada@example.com");

    fixture.edit.edit(new EditUser.Command(ada, ada.id(), null, null,
        new Email("john.doe@example.com"), new Password(ServiceFixture.PASSWORD), null, null));

    assertThat(failedReset("john.doe@example.com", pending.digits()))
        .isEqualTo(InvalidCodeException.Reason.INVALID);
    Mail notice = fixture.latestMail("ada@example.com");
    assertThat(notice.subject()).contains("changed");
    // The old address is named (the letter says whom it was sent to); the new one only masked.
    assertThat(notice.text() + notice.html()).doesNotContain("john")
        .contains("ada@example.com").contains("j***@e***.com");
  }

  @Test
  void maskedAddresses_keepTheFirstCharactersAndTheTopLevelDomain() {
    assertThat(new Email("john@example.com").masked()).isEqualTo("j***@e***.com");
    assertThat(new Email("ada.l@mail.example.co.uk").masked()).isEqualTo("a***@m***.uk");
    assertThat(new Email("x@localhost").masked()).isEqualTo("x***@l***");
  }

  // --- helpers --------------------------------------------------------------------------------

  private InvalidCodeException.Reason failedReset(String email, String code) {
    return failedReset(email, code, null);
  }

  private InvalidCodeException.Reason failedReset(String email, String code,
      RequestContext address) {
    try {
      fixture.reset.reset(new ResetPassword.Command(email, code, NEW_PASSWORD, address));
    } catch (InvalidCodeException e) {
      return e.reason();
    }
    throw new AssertionError("the reset with " + code + " for " + email + " succeeded");
  }

  /** {@code target} behind a proxy that records each call's port and method name. */
  private static <T> T recording(Class<T> port, T target, List<String> calls) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
        (proxy, method, args) -> {
          calls.add(port.getSimpleName() + "." + method.getName());
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }
}
