package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.domain.Actor;
import dev.userservice.domain.Role;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SessionsTest {

  private final World world = new World();

  @Test
  void login_issuesAnAccessTokenForTheUserAndItsSession() {
    User user = world.registered("ada@example.com");

    AuthTokens tokens = world.loggedIn("ada@example.com");
    Actor actor = world.actor(tokens);

    assertThat(actor.id()).isEqualTo(user.id());
    assertThat(actor.role()).isEqualTo(Role.USER);
    assertThat(tokens.accessTokenExpiresAt()).isEqualTo(world.clock.now().plus(Duration.ofMinutes(15)));
    assertThat(tokens.refreshToken()).startsWith(user.id() + ".");
  }

  @Test
  void login_withUnknownEmailOrWrongPassword_failsTheSameWay() {
    world.registered("ada@example.com");

    Throwable unknown = catchFailure(() -> world.login.authenticate(
        new AuthenticateUser.Command("nobody@example.com", World.PASSWORD, null)));
    Throwable wrong = catchFailure(() -> world.login.authenticate(
        new AuthenticateUser.Command("ada@example.com", "wrong password!", null)));

    assertThat(unknown).isInstanceOf(UnauthenticatedException.class);
    assertThat(wrong).isInstanceOf(UnauthenticatedException.class)
        .hasMessage(unknown.getMessage());
  }

  @Test
  void failedLogins_areFreeUpToTheLimit_thenDelayedWithGrowingWaits_neverLockedForGood() {
    world.registered("ada@example.com");
    var wrong = new AuthenticateUser.Command("ada@example.com", "wrong password!", null);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> world.login.authenticate(wrong)).isInstanceOf(UnauthenticatedException.class);
    }
    assertThatThrownBy(() -> world.login.authenticate(wrong)).isInstanceOf(UnauthenticatedException.class);

    assertThatThrownBy(world::loggedInAda).isInstanceOfSatisfying(ThrottledException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    world.passes(Duration.ofSeconds(1));
    assertThatThrownBy(() -> world.login.authenticate(wrong)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(world::loggedInAda).isInstanceOfSatisfying(ThrottledException.class,
        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));

    world.passes(Duration.ofSeconds(2));
    assertThat(world.loggedIn("ada@example.com").accessToken()).isNotBlank();
  }

  @Test
  void failedLogins_areAlsoThrottledPerClientAddressAcrossAccounts() {
    SecurityPolicy tight = new SecurityPolicy(world.policy.passwordPolicy(),
        world.policy.refreshTokenTtl(), world.policy.refreshReuseGrace(), world.policy.codeTtl(),
        5, world.policy.codeResendLimits(), 100, world.policy.loginFailureWindow(), 3,
        world.policy.unverifiedAccountTtl());
    World small = new World(tight, new Argon2Settings(1024, 1, 1));
    for (int i = 0; i < 4; i++) {
      String email = "user" + i + "@example.com";
      assertThatThrownBy(() -> small.login.authenticate(
          new AuthenticateUser.Command(email, "wrong password!", "10.1.1.1")))
          .isInstanceOf(UnauthenticatedException.class);
    }
    assertThatThrownBy(() -> small.login.authenticate(
        new AuthenticateUser.Command("user9@example.com", "wrong password!", "10.1.1.1")))
        .isInstanceOf(ThrottledException.class);
    assertThatThrownBy(() -> small.login.authenticate(
        new AuthenticateUser.Command("user9@example.com", "wrong password!", "10.1.1.2")))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void login_rehashesAPasswordHashedWithOldParameters() {
    World old = new World(SecurityPolicy.defaults(), new Argon2Settings(1024, 1, 1));
    old.registered("ada@example.com");
    World current = new World(SecurityPolicy.defaults(), new Argon2Settings(2048, 1, 1));
    current.users.insert(old.users.findByEmail(new dev.userservice.domain.Email("ada@example.com")).orElseThrow());

    current.loggedIn("ada@example.com");

    String hash = current.users.findByEmail(new dev.userservice.domain.Email("ada@example.com"))
        .orElseThrow().passwordHash().value();
    assertThat(hash).contains("m=2048");
    assertThat(current.loggedIn("ada@example.com").accessToken()).isNotBlank();
  }

  @Test
  void refresh_rotatesTheToken_andTheOldOneFailsAfterTheGraceWindow_endingTheSession() {
    world.registered("ada@example.com");
    AuthTokens first = world.loggedIn("ada@example.com");

    AuthTokens second = world.refresh.refresh(first.refreshToken());
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    world.actor(second);

    world.passes(Duration.ofSeconds(11));
    assertThatThrownBy(() -> world.refresh.refresh(first.refreshToken()))
        .isInstanceOf(UnauthenticatedException.class).hasMessageContaining("reuse");
    assertThatThrownBy(() -> world.refresh.refresh(second.refreshToken()))
        .isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> world.actor(second)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void refresh_ofTheSameTokenWithinTheGraceWindow_returnsTheSamePair() {
    world.registered("ada@example.com");
    AuthTokens first = world.loggedIn("ada@example.com");

    AuthTokens a = world.refresh.refresh(first.refreshToken());
    world.passes(Duration.ofSeconds(9));
    AuthTokens b = world.refresh.refresh(first.refreshToken());

    assertThat(b).isEqualTo(a);
    assertThat(world.refresh.refresh(b.refreshToken()).refreshToken()).isNotEqualTo(b.refreshToken());
  }

  @Test
  void refresh_racingFromManyThreads_yieldsOneSuccessorForAll() throws Exception {
    world.registered("ada@example.com");
    AuthTokens first = world.loggedIn("ada@example.com");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<AuthTokens>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(() -> world.refresh.refresh(first.refreshToken()));
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
    User user = world.registered("ada@example.com");
    AuthTokens tokens = world.loggedIn("ada@example.com");
    String forged = tokens.refreshToken().substring(0, tokens.refreshToken().lastIndexOf('.') + 1)
        + "A".repeat(43);

    assertThatThrownBy(() -> world.refresh.refresh("garbage")).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> world.refresh.refresh(forged)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> world.refresh.refresh(null)).isInstanceOf(UnauthenticatedException.class);
    assertThat(world.refresh.refresh(tokens.refreshToken())).isNotNull();
    assertThat(user).isNotNull();
  }

  @Test
  void refresh_carriesTheCurrentVerificationStateIntoTheAccessToken() {
    world.registered("ada@example.com");
    AuthTokens tokens = world.loggedIn("ada@example.com");
    world.verify.verify(world.actor(tokens), world.latestCode("ada@example.com"), null);

    AuthTokens refreshed = world.refresh.refresh(tokens.refreshToken());

    assertThat(world.accessTokens.verify(refreshed.accessToken(), world.clock.now()).emailVerified()).isTrue();
  }

  @Test
  void logout_endsOneSession_logoutEverywhere_endsAll() {
    world.registered("ada@example.com");
    AuthTokens one = world.loggedIn("ada@example.com");
    AuthTokens two = world.loggedIn("ada@example.com");
    AuthTokens three = world.loggedIn("ada@example.com");

    world.logOut.logOut(one.refreshToken());
    world.logOut.logOut(one.refreshToken());

    assertThatThrownBy(() -> world.actor(one)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> world.refresh.refresh(one.refreshToken())).isInstanceOf(UnauthenticatedException.class);
    Actor actor = world.actor(two);
    world.logOutEverywhere.logOutEverywhere(actor);
    assertThatThrownBy(() -> world.actor(two)).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> world.actor(three)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void anExpiredAccessToken_isRejected() {
    world.registered("ada@example.com");
    AuthTokens tokens = world.loggedIn("ada@example.com");

    world.passes(Duration.ofMinutes(15).plusSeconds(1));

    assertThatThrownBy(() -> world.actor(tokens)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void aRefreshTokenIsNotAnAccessToken() {
    world.registered("ada@example.com");
    AuthTokens tokens = world.loggedIn("ada@example.com");

    assertThatThrownBy(() -> world.authenticate.authenticate(tokens.refreshToken()))
        .isInstanceOf(UnauthenticatedException.class);
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
