package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.domain.Actor;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.port.PasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionsTest {

  private final ServiceFixture fixture = new ServiceFixture();

  @Test
  void login_issuesAnAccessTokenForTheUserAndItsSession() {
    User user = fixture.registered("ada@example.com");

    AuthTokens tokens = fixture.loggedIn("ada@example.com");
    Actor actor = fixture.actor(tokens);

    assertThat(actor.id()).isEqualTo(user.id());
    assertThat(actor.role()).isEqualTo(Role.USER);
    assertThat(tokens.accessTokenExpiresAt()).isEqualTo(fixture.clock.now().plus(Duration.ofMinutes(15)));
    assertThat(tokens.refreshToken()).startsWith(user.id() + ".");
  }

  /**
   * No timing oracle: an unknown email is checked against a decoy hash at the current cost (the
   * Argon2 adapter's test shows the decoy is one), so it costs exactly the password checks a
   * wrong password costs.
   */
  @Test
  void login_withUnknownEmail_checksAPasswordOnce_likeAWrongPassword() {
    fixture.registered("ada@example.com");
    AtomicInteger checks = new AtomicInteger();
    PasswordHasher counting = new PasswordHasher() {
      @Override
      public PasswordHash hash(Password password) {
        return fixture.hasher.hash(password);
      }

      @Override
      public boolean verify(Password password, PasswordHash hash) {
        checks.incrementAndGet();
        return fixture.hasher.verify(password, hash);
      }

      @Override
      public boolean needsRehash(PasswordHash hash) {
        return fixture.hasher.needsRehash(hash);
      }

      @Override
      public PasswordHash adopt(String hash, String field) {
        return fixture.hasher.adopt(hash, field);
      }

      @Override
      public void verifyNothing(Password password) {
        checks.incrementAndGet();
        fixture.hasher.verifyNothing(password);
      }
    };
    AuthenticateUser login = fixture.serviceWith(counting).authenticateUser();

    catchFailure(() -> login.authenticate(
        new AuthenticateUser.Command("ada@example.com", "wrong password!", null)));
    int forWrongPassword = checks.getAndSet(0);
    catchFailure(() -> login.authenticate(
        new AuthenticateUser.Command("nobody@example.com", "wrong password!", null)));

    assertThat(forWrongPassword).isEqualTo(1);
    assertThat(checks.get()).as("checks for an unknown email").isEqualTo(1);
  }

  @Test
  void login_withUnknownEmailOrWrongPassword_failsTheSameWay() {
    fixture.registered("ada@example.com");

    Throwable unknown = catchFailure(() -> fixture.login.authenticate(
        new AuthenticateUser.Command("nobody@example.com", ServiceFixture.PASSWORD, null)));
    Throwable wrong = catchFailure(() -> fixture.login.authenticate(
        new AuthenticateUser.Command("ada@example.com", "wrong password!", null)));

    assertThat(unknown).isInstanceOf(UnauthenticatedException.class);
    assertThat(wrong).isInstanceOf(UnauthenticatedException.class)
        .hasMessage(unknown.getMessage());
  }

  @Test
  void failedLogins_areFreeUpToTheLimit_thenDelayedWithGrowingWaits_neverLockedForGood() {
    fixture.registered("ada@example.com");
    var wrong = new AuthenticateUser.Command("ada@example.com", "wrong password!", null);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> fixture.login.authenticate(wrong)).isInstanceOf(UnauthenticatedException.class);
    }

    assertThatThrownBy(fixture::loggedInAda).isInstanceOfSatisfying(ThrottledException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    fixture.passes(Duration.ofSeconds(1));
    assertThatThrownBy(() -> fixture.login.authenticate(wrong)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(fixture::loggedInAda).isInstanceOfSatisfying(ThrottledException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));

    fixture.passes(Duration.ofSeconds(2));
    assertThat(fixture.loggedIn("ada@example.com").accessToken()).isNotBlank();
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> fixture.login.authenticate(wrong))
          .as("a success starts the count over").isInstanceOf(UnauthenticatedException.class);
    }
  }

  @Test
  @DisplayName("issue 17 #1: concurrent guesses get no more real answers than the free attempts")
  void concurrentGuessesAgainstOneAccount_getAtMostTheFreeAttemptsAnswered() throws Exception {
    fixture.registered("ada@example.com");
    int guesses = 16;
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Callable<Throwable>> calls = new ArrayList<>();
      for (int i = 0; i < guesses; i++) {
        String guess = "wrong guess number " + i;
        calls.add(() -> {
          go.await();
          return catchFailure(() -> fixture.login.authenticate(
              new AuthenticateUser.Command("ada@example.com", guess, RequestContext.from("198.51.100.7"))));
        });
      }
      List<Future<Throwable>> results = new ArrayList<>();
      for (Callable<Throwable> call : calls) {
        results.add(pool.submit(call));
      }
      go.countDown();
      List<Throwable> failures = new ArrayList<>();
      for (Future<Throwable> result : results) {
        failures.add(result.get());
      }

      assertThat(failures).filteredOn(UnauthenticatedException.class::isInstance)
          .hasSize(fixture.policy.throttling().loginFailuresPerAccount());
      assertThat(failures).filteredOn(ThrottledException.class::isInstance)
          .hasSize(guesses - fixture.policy.throttling().loginFailuresPerAccount());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failedLogins_areAlsoThrottledPerClientAddressAcrossAccounts() {
    ServiceFixture small = new ServiceFixture(tightAddressLimit(3), new Argon2Settings(1024, 1, 1));
    for (int i = 0; i < 3; i++) {
      String email = "user" + i + "@example.com";
      assertThatThrownBy(() -> small.login.authenticate(
          new AuthenticateUser.Command(email, "wrong password!", RequestContext.from("10.1.1.1"))))
          .isInstanceOf(UnauthenticatedException.class);
    }
    assertThatThrownBy(() -> small.login.authenticate(
        new AuthenticateUser.Command("user9@example.com", "wrong password!", RequestContext.from("10.1.1.1"))))
        .isInstanceOf(ThrottledException.class);
    assertThatThrownBy(() -> small.login.authenticate(
        new AuthenticateUser.Command("user9@example.com", "wrong password!", RequestContext.from("10.1.1.2"))))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  @DisplayName("issue 17 #10: IPv6 clients are throttled by their /64, not address by address")
  void failedLoginsFromOneIpv6Network_shareOneBucket() {
    ServiceFixture small = new ServiceFixture(tightAddressLimit(3), new Argon2Settings(1024, 1, 1));
    String[] sameNetwork = {"2001:db8:7:8::1", "2001:db8:7:8:ffff:1:2:3", "[2001:DB8:7:8::42]"};
    for (int i = 0; i < sameNetwork.length; i++) {
      String from = sameNetwork[i];
      String email = "user" + i + "@example.com";
      assertThatThrownBy(() -> small.login.authenticate(
          new AuthenticateUser.Command(email, "wrong password!", RequestContext.from(from))))
          .isInstanceOf(UnauthenticatedException.class);
    }

    assertThatThrownBy(() -> small.login.authenticate(new AuthenticateUser.Command(
        "user9@example.com", "wrong password!", RequestContext.from("2001:db8:7:8:abcd::9"))))
        .isInstanceOf(ThrottledException.class);
    assertThatThrownBy(() -> small.login.authenticate(new AuthenticateUser.Command(
        "user9@example.com", "wrong password!", RequestContext.from("2001:db8:7:9::1"))))
        .as("the next /64").isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void aSuccessfulLogin_doesNotCountAgainstItsAddress() {
    ServiceFixture small = new ServiceFixture(tightAddressLimit(3), new Argon2Settings(1024, 1, 1));
    small.registered("ada@example.com");
    for (int i = 0; i < 5; i++) {
      small.login.authenticate(new AuthenticateUser.Command("ada@example.com",
          ServiceFixture.PASSWORD, RequestContext.from("10.1.1.1")));
    }

    for (int i = 0; i < 2; i++) {
      String email = "user" + i + "@example.com";
      assertThatThrownBy(() -> small.login.authenticate(
          new AuthenticateUser.Command(email, "wrong password!", RequestContext.from("10.1.1.1"))))
          .isInstanceOf(UnauthenticatedException.class);
    }
  }

  @Test
  void login_rehashesAPasswordHashedWithOldParameters() {
    ServiceFixture old =
        new ServiceFixture(SecurityPolicy.defaults(), new Argon2Settings(1024, 1, 1));
    old.registered("ada@example.com");
    ServiceFixture current =
        new ServiceFixture(SecurityPolicy.defaults(), new Argon2Settings(2048, 1, 1));
    current.users.insert(old.users.findByEmail(new dev.userservice.domain.Email("ada@example.com")).orElseThrow());

    current.loggedIn("ada@example.com");

    String hash = current.users.findByEmail(new dev.userservice.domain.Email("ada@example.com"))
        .orElseThrow().passwordHash().value();
    assertThat(hash).contains("m=2048");
    assertThat(current.loggedIn("ada@example.com").accessToken()).isNotBlank();
  }

  @Test
  void refresh_rotatesTheToken_andTheOldOneFailsAfterTheGraceWindow_endingTheSession() {
    fixture.registered("ada@example.com");
    AuthTokens first = fixture.loggedIn("ada@example.com");

    AuthTokens second = fixture.refresh.refresh(
        new PresentedRefreshToken(first.refreshToken(), RequestContext.NONE));
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    fixture.actor(second);

    fixture.passes(Duration.ofSeconds(11));
    assertThatThrownBy(() -> fixture.refresh.refresh(
        new PresentedRefreshToken(first.refreshToken(), RequestContext.NONE)))
        .isInstanceOf(UnauthenticatedException.class)
        .as("reuse answers like any other failure").hasMessage(RefreshToken.invalid().getMessage());
    assertThatThrownBy(() -> fixture.refresh.refresh(
        new PresentedRefreshToken(second.refreshToken(), RequestContext.NONE)))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> fixture.actor(second)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void refresh_ofTheSameTokenWithinTheGraceWindow_returnsTheSamePair() {
    fixture.registered("ada@example.com");
    AuthTokens first = fixture.loggedIn("ada@example.com");

    AuthTokens a = fixture.refresh.refresh(
        new PresentedRefreshToken(first.refreshToken(), RequestContext.NONE));
    fixture.passes(Duration.ofSeconds(9));
    AuthTokens b = fixture.refresh.refresh(
        new PresentedRefreshToken(first.refreshToken(), RequestContext.NONE));

    assertThat(b).isEqualTo(a);
    assertThat(fixture.refresh.refresh(
        new PresentedRefreshToken(b.refreshToken(), RequestContext.NONE))
        .refreshToken()).isNotEqualTo(b.refreshToken());
  }

  @Test
  void refresh_racingFromManyThreads_yieldsOneSuccessorForAll() throws Exception {
    fixture.registered("ada@example.com");
    AuthTokens first = fixture.loggedIn("ada@example.com");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<AuthTokens>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(() -> fixture.refresh.refresh(
            new PresentedRefreshToken(first.refreshToken(), RequestContext.NONE)));
      }
      List<String> successors = new ArrayList<>();
      for (Future<AuthTokens> result : pool.invokeAll(calls)) {
        successors.add(result.get().refreshToken());
      }
      assertThat(successors).hasSize(20).containsOnly(successors.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refresh_withGarbageOrAForgedSecret_isRejectedAndChangesNothing() {
    User user = fixture.registered("ada@example.com");
    AuthTokens tokens = fixture.loggedIn("ada@example.com");
    String forged = tokens.refreshToken().substring(0, tokens.refreshToken().lastIndexOf('.') + 1)
        + "A".repeat(43);

    assertThatThrownBy(() -> fixture.refresh.refresh(
        new PresentedRefreshToken("garbage", RequestContext.NONE)))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> fixture.refresh.refresh(
        new PresentedRefreshToken(forged, RequestContext.NONE)))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> new PresentedRefreshToken(" ", RequestContext.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("refresh_token is required");
    assertThat(fixture.refresh.refresh(
        new PresentedRefreshToken(tokens.refreshToken(), RequestContext.NONE))).isNotNull();
    assertThat(user).isNotNull();
  }

  @Test
  @DisplayName("issue 17 #5: an old generation with a forged secret is invalid and ends nothing")
  void refresh_withAForgedOldGeneration_isInvalid_andTheSessionLives() {
    fixture.registered("ada@example.com");
    AuthTokens first = fixture.loggedIn("ada@example.com");
    AuthTokens second = fixture.refresh.refresh(
        new PresentedRefreshToken(first.refreshToken(), RequestContext.NONE));
    fixture.passes(Duration.ofSeconds(11));

    assertThatThrownBy(() -> fixture.refresh.refresh(
        new PresentedRefreshToken(withSecret(first.refreshToken(), "A"), RequestContext.NONE)))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage(RefreshToken.invalid().getMessage());

    assertThat(fixture.actor(second).id()).isNotNull();
    assertThat(fixture.refresh.refresh(
        new PresentedRefreshToken(second.refreshToken(), RequestContext.NONE))
        .refreshToken()).isNotBlank();
  }

  @Test
  @DisplayName("issue 17 #5: logout needs the refresh token's secret, not just its ids")
  void logout_withAForgedSecret_endsNothing_withTheRealTokenEndsTheSession() {
    fixture.registered("ada@example.com");
    AuthTokens tokens = fixture.loggedIn("ada@example.com");

    fixture.logOut.logOut(
        new PresentedRefreshToken(withSecret(tokens.refreshToken(), "B"), RequestContext.NONE));
    assertThat(fixture.actor(tokens).id()).isNotNull();

    AuthTokens refreshed = fixture.refresh.refresh(
        new PresentedRefreshToken(tokens.refreshToken(), RequestContext.NONE));
    fixture.passes(Duration.ofMinutes(1));
    fixture.logOut.logOut(new PresentedRefreshToken(tokens.refreshToken(), RequestContext.NONE));
    assertThatThrownBy(() -> fixture.actor(refreshed)).as("a recently retired token logs out too")
        .isInstanceOf(UnauthenticatedException.class);
    fixture.logOut.logOut(new PresentedRefreshToken(tokens.refreshToken(), RequestContext.NONE));
  }

  @Test
  @DisplayName("issue 17 #11: a session ends at its maximum lifetime, however often refreshed")
  void session_endsAtItsMaximumLifetime_howeverOftenRefreshed() {
    User ada = fixture.registered("ada@example.com");
    AuthTokens tokens = fixture.loggedIn("ada@example.com");
    SessionId session = RefreshToken.parse(tokens.refreshToken()).session();
    for (int i = 0; i < 4; i++) {
      fixture.passes(Duration.ofDays(20));
      tokens = fixture.refresh.refresh(
          new PresentedRefreshToken(tokens.refreshToken(), RequestContext.NONE));
    }
    fixture.passes(Duration.ofDays(10).minusMinutes(1));
    AuthTokens last = fixture.refresh.refresh(
        new PresentedRefreshToken(tokens.refreshToken(), RequestContext.NONE));

    fixture.passes(Duration.ofMinutes(1));
    assertThatThrownBy(() -> fixture.refresh.refresh(
        new PresentedRefreshToken(last.refreshToken(), RequestContext.NONE)))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage(RefreshToken.invalid().getMessage());
    assertThat(fixture.tokenStore.liveSessionCacheRevision(ada.id(), session)).isEmpty();
  }

  @Test
  @DisplayName("issue 17 #13: a login beyond the cap of sessions ends the oldest")
  void loginsBeyondTheCap_endTheOldestSession() {
    ServiceFixture capped = new ServiceFixture(
        SecurityPolicy.defaults().withSessions(new SecurityPolicy.SessionRules(
            Duration.ofDays(30), Duration.ofSeconds(10), Duration.ofDays(90), 3)),
        new Argon2Settings(1024, 1, 1));
    capped.registered("ada@example.com");
    List<AuthTokens> sessions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sessions.add(capped.loggedIn("ada@example.com"));
      capped.passes(Duration.ofSeconds(1));
    }

    assertThatThrownBy(() -> capped.actor(sessions.get(0)))
        .isInstanceOf(UnauthenticatedException.class);
    for (int i = 1; i < 4; i++) {
      assertThat(capped.actor(sessions.get(i)).id()).isNotNull();
    }
  }

  @Test
  void refresh_carriesTheCurrentVerificationStateIntoTheAccessToken() {
    fixture.registered("ada@example.com");
    AuthTokens tokens = fixture.loggedIn("ada@example.com");
    fixture.verify.verify(
        new VerifyEmail.Command(fixture.actor(tokens), fixture.latestCode("ada@example.com"),
            null));

    AuthTokens refreshed = fixture.refresh.refresh(
        new PresentedRefreshToken(tokens.refreshToken(), RequestContext.NONE));

    assertThat(fixture.accessTokens.verify(refreshed.accessToken(), fixture.clock.now()).emailVerified()).isTrue();
  }

  @Test
  void logout_endsOneSession_logoutEverywhere_endsAll() {
    fixture.registered("ada@example.com");
    AuthTokens one = fixture.loggedIn("ada@example.com");
    AuthTokens two = fixture.loggedIn("ada@example.com");
    AuthTokens three = fixture.loggedIn("ada@example.com");

    fixture.logOut.logOut(new PresentedRefreshToken(one.refreshToken(), RequestContext.NONE));
    fixture.logOut.logOut(new PresentedRefreshToken(one.refreshToken(), RequestContext.NONE));

    assertThatThrownBy(() -> fixture.actor(one)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> fixture.refresh.refresh(
        new PresentedRefreshToken(one.refreshToken(), RequestContext.NONE)))
        .isInstanceOf(UnauthenticatedException.class);
    Actor actor = fixture.actor(two);
    fixture.logOutEverywhere.logOutEverywhere(
        new ActorRequest(actor, RequestContext.NONE));
    assertThatThrownBy(() -> fixture.actor(two)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> fixture.actor(three)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void anExpiredAccessToken_isRejected() {
    fixture.registered("ada@example.com");
    AuthTokens tokens = fixture.loggedIn("ada@example.com");

    fixture.passes(Duration.ofMinutes(15).plusSeconds(1));

    assertThatThrownBy(() -> fixture.actor(tokens)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void aRefreshTokenIsNotAnAccessToken() {
    fixture.registered("ada@example.com");
    AuthTokens tokens = fixture.loggedIn("ada@example.com");

    assertThatThrownBy(() -> fixture.authenticate.authenticate(tokens.refreshToken()))
        .isInstanceOf(UnauthenticatedException.class);
  }

  private static SecurityPolicy tightAddressLimit(int perMinute) {
    SecurityPolicy defaults = SecurityPolicy.defaults();
    return defaults.withThrottling(new SecurityPolicy.Throttling(100,
        defaults.throttling().loginFailureWindow(), perMinute));
  }

  /** The same token with its secret replaced by one made of {@code letter}. */
  private static String withSecret(String refreshToken, String letter) {
    return refreshToken.substring(0, refreshToken.lastIndexOf('.') + 1) + letter.repeat(43);
  }

  private static Throwable catchFailure(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
