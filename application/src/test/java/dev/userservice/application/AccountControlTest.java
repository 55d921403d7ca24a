package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.Actor;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.StatusReason;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.SessionInfo;
import dev.userservice.domain.port.SessionOrigin;
import dev.userservice.domain.port.UserFilter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Sessions seen and ended, suspension, self-service deletion and export (issue 24). */
class AccountControlTest {

  private static final RequestContext PHONE = new RequestContext("2001:db8::7", "Phone/2.0", null);

  private final ServiceFixture fixture = new ServiceFixture();

  private AuthTokens login(String email, RequestContext from) {
    return fixture.login.authenticate(
        new AuthenticateUser.Command(email, ServiceFixture.PASSWORD, from));
  }

  private static Throwable failureOf(Runnable call) {
    return catchThrowable(call::run);
  }

  @Nested
  class Sessions {

    @Test
    void ownSessions_showWhereEachStarted_andEndingOneLeavesTheOthersAlive() {
      User ada = fixture.registered("ada@example.com");
      AuthTokens laptopTokens = fixture.loggedInAda();
      Actor laptop = fixture.actor(laptopTokens);
      AuthTokens phoneTokens = login("ada@example.com", PHONE);
      Actor phone = fixture.actor(phoneTokens);

      List<SessionInfo> sessions = fixture.listSessions.list(
          new ListSessions.Query(laptop, ada.id()));
      assertThat(sessions).extracting(SessionInfo::session)
          .containsExactlyInAnyOrder(laptop.session(), phone.session());
      assertThat(sessions).filteredOn(info -> info.session().equals(phone.session()))
          .singleElement().extracting(SessionInfo::origin)
          .isEqualTo(new SessionOrigin("2001:db8::7", "Phone/2.0"));

      fixture.newEvents();
      fixture.endSession.end(new EndSession.Command(laptop, ada.id(), phone.session().value(),
          null));

      assertThatThrownBy(() -> fixture.actor(phoneTokens))
          .isInstanceOf(UnauthenticatedException.class);
      assertThatThrownBy(() -> fixture.refresh.refresh(
          new PresentedRefreshToken(phoneTokens.refreshToken(), null)))
          .isInstanceOf(UnauthenticatedException.class);
      assertThat(fixture.actor(laptopTokens).session()).isEqualTo(laptop.session());
      assertThat(fixture.listSessions.list(new ListSessions.Query(laptop, ada.id())))
          .extracting(SessionInfo::session).containsExactly(laptop.session());
      assertThat(fixture.newEvents()).startsWith(EventType.SESSION_ENDED);
      UserEvent.SessionEnded ended = fixture.last(UserEvent.SessionEnded.class);
      assertThat(ended.meta().session()).isEqualTo(phone.session());
      assertThat(ended.meta().subject()).isEqualTo(ada.id());
    }

    @Test
    void endingAnUnknownEndedOrOthersSession_isNotFound_andChangesNothing() {
      fixture.registered("ada@example.com");
      fixture.registered("bob@example.com");
      Actor ada = fixture.actor(fixture.loggedInAda());
      Actor bob = fixture.actor(fixture.loggedIn("bob@example.com"));

      assertThatThrownBy(() -> fixture.endSession.end(
          new EndSession.Command(ada, ada.id(), bob.session(), null)))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> fixture.endSession.end(
          new EndSession.Command(ada, ada.id(), "x".repeat(22), null)))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> new EndSession.Command(ada, ada.id(), "not a session", null))
          .isInstanceOf(InvalidInputException.class);
      assertThat(fixture.listSessions.list(new ListSessions.Query(bob, bob.id())))
          .extracting(SessionInfo::session).containsExactly(bob.session());
    }

    @Test
    void anotherUsersSessions_areForAdministratorsOnly() {
      User bobUser = fixture.registered("bob@example.com");
      fixture.registered("ada@example.com");
      Actor ada = fixture.actor(fixture.loggedInAda());
      Actor bob = fixture.actor(fixture.loggedIn("bob@example.com"));
      Actor admin = fixture.admin();

      assertThatThrownBy(() -> fixture.listSessions.list(new ListSessions.Query(ada, bob.id())))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> fixture.endSession.end(
          new EndSession.Command(ada, bob.id(), bob.session(), null)))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> fixture.listSessions.list(
          new ListSessions.Query(admin, new UserId(UUID.randomUUID()))))
          .isInstanceOf(NotFoundException.class);

      assertThat(fixture.listSessions.list(new ListSessions.Query(admin, bobUser.id())))
          .extracting(SessionInfo::session).containsExactly(bob.session());
      fixture.endSession.end(new EndSession.Command(admin, bob.id(), bob.session(), null));
      assertThat(fixture.listSessions.list(new ListSessions.Query(admin, bob.id()))).isEmpty();
      assertThat(fixture.last(UserEvent.SessionEnded.class).meta().actor().kind().wireName())
          .isEqualTo("admin");
    }
  }

  @Nested
  class Suspension {

    private User disable(Actor admin, UserId target, String reason) {
      return fixture.edit.edit(new EditUser.Command(admin, target, null, null, null, null, null,
          null, AccountStatus.DISABLED, StatusReason.ofNullable(reason, "reason"), null, null));
    }

    private User enable(Actor admin, UserId target) {
      return fixture.edit.edit(new EditUser.Command(admin, target, null, null, null, null, null,
          null, AccountStatus.ACTIVE, null, null, null));
    }

    @Test
    void disabling_endsEverySession_atOnce_andRefusesLoginAndRefresh_likeAWrongPassword() {
      User ada = fixture.registered("ada@example.com");
      AuthTokens tokens = fixture.loggedInAda();
      Actor admin = fixture.admin();
      fixture.newEvents();

      User disabled = disable(admin, ada.id(), "chargeback");

      assertThat(disabled.status()).isEqualTo(AccountStatus.DISABLED);
      assertThat(disabled.statusReason()).contains(new StatusReason("chargeback"));
      assertThat(fixture.newEvents()).containsExactly(EventType.USER_SUSPENDED);
      assertThat(fixture.last(UserEvent.UserSuspended.class).details())
          .containsEntry("reason", "chargeback");
      assertThatThrownBy(() -> fixture.actor(tokens))
          .isInstanceOf(UnauthenticatedException.class);
      assertThatThrownBy(() -> fixture.refresh.refresh(
          new PresentedRefreshToken(tokens.refreshToken(), null)))
          .isInstanceOf(UnauthenticatedException.class);
      Throwable right = failureOf(() -> fixture.loggedInAda());
      Throwable wrong = failureOf(() -> fixture.login.authenticate(
          new AuthenticateUser.Command("ada@example.com", "wrong password!", null)));
      assertThat(right).isInstanceOf(UnauthenticatedException.class)
          .hasMessage(wrong.getMessage());
      assertThat(fixture.last(UserEvent.LoginFailed.class).reason())
          .isEqualTo(UserEvent.LoginFailed.Reason.WRONG_PASSWORD);
      assertThat(fixture.events).filteredOn(UserEvent.LoginFailed.class::isInstance)
          .map(e -> ((UserEvent.LoginFailed) e).reason())
          .contains(UserEvent.LoginFailed.Reason.ACCOUNT_DISABLED);
    }

    /**
     * No timing oracle: a disabled account's right password costs exactly the hash work of a
     * wrong one (the one verification), and nothing is skipped or added after it.
     */
    @Test
    void disabledLogin_checksThePasswordOnce_likeAWrongPassword() {
      User ada = fixture.registered("ada@example.com");
      disable(fixture.admin(), ada.id(), null);
      AtomicInteger checks = new AtomicInteger();
      var counting = new PasswordHasher() {
        @Override
        public PasswordHash hash(Password p) {
          checks.addAndGet(100); // a new hash (a rehash) would stand out
          return fixture.hasher.hash(p);
        }

        @Override
        public boolean verify(Password p,
            PasswordHash h) {
          checks.incrementAndGet();
          return fixture.hasher.verify(p, h);
        }

        @Override
        public boolean needsRehash(PasswordHash h) {
          return fixture.hasher.needsRehash(h);
        }

        @Override
        public PasswordHash adopt(String hash, String field) {
          return fixture.hasher.adopt(hash, field);
        }

        @Override
        public void verifyNothing(Password p) {
          checks.incrementAndGet();
          fixture.hasher.verifyNothing(p);
        }
      };
      AuthenticateUser login = fixture.serviceWith(counting).authenticateUser();

      failureOf(() -> login.authenticate(new AuthenticateUser.Command("ada@example.com",
          "wrong password!", null)));
      int forWrongPassword = checks.getAndSet(0);
      Throwable refused = failureOf(() -> login.authenticate(
          new AuthenticateUser.Command("ada@example.com", ServiceFixture.PASSWORD, null)));

      assertThat(refused).isInstanceOf(UnauthenticatedException.class);
      assertThat(forWrongPassword).isEqualTo(1);
      assertThat(checks.get()).as("hash work for the disabled account's right password")
          .isEqualTo(1);
    }

    @Test
    void enabling_revivesNoSession_butAllowsLoginAgain() {
      User ada = fixture.registered("ada@example.com");
      AuthTokens before = fixture.loggedInAda();
      Actor admin = fixture.admin();
      disable(admin, ada.id(), null);
      fixture.newEvents();

      User enabled = enable(admin, ada.id());

      assertThat(enabled.isActive()).isTrue();
      assertThat(fixture.newEvents()).containsExactly(EventType.USER_REACTIVATED);
      assertThatThrownBy(() -> fixture.actor(before)).isInstanceOf(UnauthenticatedException.class);
      assertThat(fixture.listSessions.list(new ListSessions.Query(admin, ada.id()))).isEmpty();
      assertThat(fixture.actor(fixture.loggedInAda()).id()).isEqualTo(ada.id());
    }

    @Test
    void onlyAdministratorsChangeAStatus_andTheLastActiveOneCannotBeDisabled() {
      fixture.registered("ada@example.com");
      Actor ada = fixture.actor(fixture.loggedInAda());
      Actor admin = fixture.admin();

      assertThatThrownBy(() -> disable(ada, ada.id(), null))
          .isInstanceOf(ForbiddenException.class);
      assertThatThrownBy(() -> disable(admin, admin.id(), null))
          .isInstanceOf(ConflictException.class);
      assertThat(fixture.users.findById(admin.id()).orElseThrow().isActive()).isTrue();
      assertThatThrownBy(() -> new EditUser.Command(admin, ada.id(), null, null, null, null,
          null, null, AccountStatus.ACTIVE, new StatusReason("why"), null, null))
          .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void listAndCount_filterByStatus() {
      User ada = fixture.registered("ada@example.com");
      fixture.registered("bob@example.com");
      Actor admin = fixture.admin();
      disable(admin, ada.id(), null);

      var disabled = new UserFilter(null, null, null, null, null,
          AccountStatus.DISABLED);
      assertThat(fixture.list.list(new ListUsers.Query(admin, disabled, null, 20)).items())
          .extracting(User::id).containsExactly(ada.id());
      assertThat(fixture.count.count(new CountUsers.Query(admin, disabled))).isEqualTo(1);
    }
  }

  @Nested
  class SelfDeletion {

    @Test
    void deletion_removesAccountSessionsCodesAndLetters_andSendsAGoodbye() {
      User ada = fixture.registered("ada@example.com");
      Actor actor = fixture.actor(fixture.loggedInAda());
      AuthTokens other = fixture.loggedInAda();
      fixture.newEvents();
      assertThat(fixture.outbox.pending()).isPositive();

      fixture.deleteOwn.delete(new DeleteOwnAccount.Command(actor, ServiceFixture.PASSWORD,
          null));

      assertThat(fixture.users.findById(ada.id())).isEmpty();
      assertThat(fixture.tokenStore.listSessions(ada.id(), fixture.clock.now())).isEmpty();
      assertThatThrownBy(() -> fixture.actor(other)).isInstanceOf(UnauthenticatedException.class);
      assertThat(fixture.tokenStore.checkCode(ada.id(), CodePurpose.EMAIL_VERIFICATION,
          "0".repeat(64), 5, null, fixture.clock.now()))
          .isEqualTo(CodeCheck.EXPIRED);
      assertThat(fixture.outbox.pending()).as("only the goodbye waits").isEqualTo(1);
      assertThat(fixture.latestMail("ada@example.com").subject())
          .contains("account was deleted");
      assertThat(fixture.newEvents()).containsExactly(EventType.USER_SELF_DELETED);
    }

    @Test
    void wrongPassword_deletesNothing_andIsThrottledLikeALogin() {
      User ada = fixture.registered("ada@example.com");
      Actor actor = fixture.actor(fixture.loggedInAda());
      var wrong = new DeleteOwnAccount.Command(actor, "wrong password!", null);

      for (int i = 0; i < fixture.policy.throttling().loginFailuresPerAccount(); i++) {
        assertThatThrownBy(() -> fixture.deleteOwn.delete(wrong))
            .isInstanceOf(InvalidInputException.class);
      }
      assertThatThrownBy(() -> fixture.deleteOwn.delete(wrong))
          .isInstanceOf(ThrottledException.class);
      assertThat(fixture.users.findById(ada.id())).isPresent();
      assertThat(fixture.outbox.pending()).isEqualTo(1); // the verification code only
    }

    @Test
    void lastActiveAdministrator_cannotDeleteThemselves() {
      Actor admin = fixture.admin();

      assertThatThrownBy(() -> fixture.deleteOwn.delete(
          new DeleteOwnAccount.Command(admin, ServiceFixture.PASSWORD, null)))
          .isInstanceOf(ConflictException.class);
      assertThat(fixture.users.findById(admin.id())).isPresent();
    }
  }

  @Nested
  class Export {

    @Test
    void export_holdsProfileSessionsAndOwnEvents_neverASecret_andIsRecorded() {
      User ada = fixture.registered("ada@example.com");
      AuthTokens tokens = login("ada@example.com", PHONE);
      Actor actor = fixture.actor(tokens);
      fixture.registered("bob@example.com");

      ExportOwnData.Export export = fixture.export.export(new ActorRequest(actor, PHONE));

      assertThat(export.user().id()).isEqualTo(ada.id());
      assertThat(export.sessions()).extracting(SessionInfo::session)
          .containsExactly(actor.session());
      assertThat(export.events()).extracting(AuditEntry::type)
          .contains(EventType.REGISTERED, EventType.LOGIN_SUCCEEDED);
      assertThat(export.events()).allMatch(entry -> ada.id().equals(entry.subject()));
      assertThat(export.eventsTruncated()).isFalse();
      assertThat(fixture.last(UserEvent.DataExported.class).meta().subject()).isEqualTo(ada.id());
      assertThat(fixture.export.export(new ActorRequest(actor, PHONE)).events())
          .extracting(AuditEntry::type).first().isEqualTo(EventType.DATA_EXPORTED);
    }

    @Test
    void exports_areThrottledPerAccount() {
      fixture.registered("ada@example.com");
      Actor actor = fixture.actor(fixture.loggedInAda());
      for (int i = 0; i < ExportOwnData.EXPORTS_PER_ACCOUNT.max(); i++) {
        fixture.export.export(new ActorRequest(actor, null));
      }

      assertThatThrownBy(() -> fixture.export.export(new ActorRequest(actor, null)))
          .isInstanceOf(ThrottledException.class);
      fixture.passes(Duration.ofHours(1));
      assertThat(fixture.export.export(new ActorRequest(actor, null)).user().email())
          .isEqualTo(new Email("ada@example.com"));
    }
  }
}
