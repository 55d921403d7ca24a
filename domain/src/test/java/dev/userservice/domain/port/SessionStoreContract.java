package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Race.Outcome;
import dev.userservice.domain.port.Rotation.Invalid;
import dev.userservice.domain.port.Rotation.Replayed;
import dev.userservice.domain.port.Rotation.ReuseDetected;
import dev.userservice.domain.port.Rotation.Rotated;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} must do: sessions, their rotation and cache revisions. An
 * adapter's test extends this class and supplies {@link #newStore()}; {@link TokenStoreContract}
 * runs it for a store that plays every role.
 *
 * <p>Each test starts its clock at the real current time and only moves it forward by passing
 * later {@code now} values, so a store must compare its stored instants with the given
 * {@code now} and may use its own expiry (Redis TTLs) only to clean up. Keys are random per
 * test, so a shared store needs no flushing between tests.
 */
public abstract class SessionStoreContract {

  private static final Duration TTL = Duration.ofDays(30);
  private static final Duration MAX_LIFETIME = Duration.ofDays(90);
  private static final int MAX_SESSIONS = 5;
  private static final SessionLimits LIMITS = new SessionLimits(TTL, MAX_LIFETIME, MAX_SESSIONS);
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final int RACERS = 50;

  private SessionStore store;
  private Instant t0;
  private UserId user;

  /** A store for one test; it may be shared with other tests as long as it works. */
  protected abstract SessionStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    user = randomUser();
  }

  @Test
  void createdSession_isLive_forItsUserOnly() {
    SessionId session = randomSession();

    store.createSession(user, session, randomHash(), t0, LIMITS);

    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();
    assertThat(store.liveSessionCacheRevision(randomUser(), session)).isEmpty();
    assertThat(store.liveSessionCacheRevision(user, randomSession())).isEmpty();
  }

  @Test
  void currentToken_rotates_toTheNextGeneration() {
    SessionId session = randomSession();
    String first = randomHash();
    String second = randomHash();
    String third = randomHash();
    store.createSession(user, session, first, t0, LIMITS);

    assertThat(rotate(session, 0, first, second, randomBytes(), t0.plusSeconds(60)))
        .isEqualTo(new Rotated(1));
    assertThat(rotate(session, 1, second, third, randomBytes(), t0.plusSeconds(120)))
        .isEqualTo(new Rotated(2));
    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();
  }

  @Test
  void justReplacedToken_withinGrace_isReplayedWithTheKeptSuccessor_andChangesNothing() {
    SessionId session = randomSession();
    String first = randomHash();
    String second = randomHash();
    byte[] sealed = randomBytes();
    store.createSession(user, session, first, t0, LIMITS);
    rotate(session, 0, first, second, sealed, t0);

    Rotation replay = rotate(session, 0, first, randomHash(), randomBytes(), t0.plusSeconds(1));
    Rotation replayAgain =
        rotate(session, 0, first, randomHash(), randomBytes(), t0.plus(GRACE).minusMillis(1));

    assertReplayed(replay, 1, sealed);
    assertReplayed(replayAgain, 1, sealed);
    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();
    assertThat(rotate(session, 1, second, randomHash(), randomBytes(), t0.plusSeconds(11)))
        .isEqualTo(new Rotated(2));
  }

  @Test
  void justReplacedToken_afterGrace_isReuse_andRevokesTheSession() {
    SessionId session = randomSession();
    String first = randomHash();
    String second = randomHash();
    store.createSession(user, session, first, t0, LIMITS);
    rotate(session, 0, first, second, randomBytes(), t0);

    Rotation late = rotate(session, 0, first, randomHash(), randomBytes(),
        t0.plus(GRACE).plusMillis(1));

    assertThat(late).isInstanceOf(ReuseDetected.class);
    assertThat(store.liveSessionCacheRevision(user, session)).isEmpty();
    assertThat(rotate(session, 1, second, randomHash(), randomBytes(),
        t0.plus(GRACE).plusMillis(2))).isInstanceOf(Invalid.class);
  }

  @Test
  void olderGeneration_isReuse_evenWithinGrace() {
    SessionId session = randomSession();
    String first = randomHash();
    String second = randomHash();
    String third = randomHash();
    store.createSession(user, session, first, t0, LIMITS);
    rotate(session, 0, first, second, randomBytes(), t0);
    rotate(session, 1, second, third, randomBytes(), t0.plusSeconds(1));

    Rotation ancient = rotate(session, 0, first, randomHash(), randomBytes(), t0.plusSeconds(2));

    assertThat(ancient).isInstanceOf(ReuseDetected.class);
    assertThat(store.liveSessionCacheRevision(user, session)).isEmpty();
    assertThat(rotate(session, 2, third, randomHash(), randomBytes(), t0.plusSeconds(3)))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void wrongHashOrGeneration_isInvalid_andChangesNothing() {
    SessionId session = randomSession();
    String first = randomHash();
    String second = randomHash();
    store.createSession(user, session, first, t0, LIMITS);
    rotate(session, 0, first, second, randomBytes(), t0);
    Instant later = t0.plusSeconds(1);

    assertThat(rotate(session, 1, randomHash(), randomHash(), randomBytes(), later))
        .isInstanceOf(Invalid.class);
    assertThat(rotate(session, 0, randomHash(), randomHash(), randomBytes(), later))
        .isInstanceOf(Invalid.class);
    assertThat(rotate(session, 2, second, randomHash(), randomBytes(), later))
        .isInstanceOf(Invalid.class);
    assertThat(rotate(session, 7, randomHash(), randomHash(), randomBytes(), later))
        .isInstanceOf(Invalid.class);

    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();
    assertThat(rotate(session, 1, second, randomHash(), randomBytes(), later))
        .isEqualTo(new Rotated(2));
  }

  @Test
  void unknownSession_orAnotherUsersSession_isInvalid() {
    SessionId session = randomSession();
    String first = randomHash();
    store.createSession(user, session, first, t0, LIMITS);

    assertThat(store.rotate(user, randomSession(), 0, first, randomHash(), randomBytes(), t0,
        GRACE, LIMITS)).isInstanceOf(Invalid.class);
    assertThat(store.rotate(randomUser(), session, 0, first, randomHash(), randomBytes(), t0,
        GRACE, LIMITS)).isInstanceOf(Invalid.class);
    assertThat(rotate(session, 0, first, randomHash(), randomBytes(), t0))
        .isEqualTo(new Rotated(1));
  }

  @Test
  void revokedSession_isNotLive_andCannotRotate() {
    SessionId session = randomSession();
    String first = randomHash();
    store.createSession(user, session, first, t0, LIMITS);

    store.revokeSession(user, session);
    store.revokeSession(user, session);
    store.revokeSession(randomUser(), randomSession());

    assertThat(store.liveSessionCacheRevision(user, session)).isEmpty();
    assertThat(rotate(session, 0, first, randomHash(), randomBytes(), t0))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void cacheRevision_staysThroughRotation_andIsNewForEverySessionOfTheUserAfterEachChange() {
    SessionId phone = randomSession();
    SessionId laptop = randomSession();
    String phoneToken = randomHash();
    UserId other = randomUser();
    SessionId otherSession = randomSession();
    store.createSession(user, phone, phoneToken, t0, LIMITS);
    store.createSession(user, laptop, randomHash(), t0, LIMITS);
    store.createSession(other, otherSession, randomHash(), t0, LIMITS);
    String phoneAtLogin = store.liveSessionCacheRevision(user, phone).orElseThrow();
    String laptopAtLogin = store.liveSessionCacheRevision(user, laptop).orElseThrow();
    String otherAtLogin = store.liveSessionCacheRevision(other, otherSession).orElseThrow();

    rotate(phone, 0, phoneToken, randomHash(), randomBytes(), t0.plusSeconds(1));
    assertThat(store.liveSessionCacheRevision(user, phone)).contains(phoneAtLogin);

    store.renewCacheRevision(user);
    String afterFirstChange = store.liveSessionCacheRevision(user, phone).orElseThrow();
    store.renewCacheRevision(user);
    String afterSecondChange = store.liveSessionCacheRevision(user, phone).orElseThrow();

    assertThat(List.of(phoneAtLogin, laptopAtLogin, otherAtLogin, afterFirstChange,
        afterSecondChange)).doesNotHaveDuplicates();
    assertThat(store.liveSessionCacheRevision(user, laptop)).contains(afterSecondChange);
    assertThat(store.liveSessionCacheRevision(other, otherSession)).contains(otherAtLogin);
  }

  @Test
  void renewCacheRevision_neverRevivesASession() {
    SessionId session = randomSession();
    store.createSession(user, session, randomHash(), t0, LIMITS);
    store.revokeSession(user, session);

    store.renewCacheRevision(user);
    store.renewCacheRevision(randomUser());

    assertThat(store.liveSessionCacheRevision(user, session)).isEmpty();
  }

  @Test
  void revokeAllSessions_endsEverySessionOfThatUserOnly() {
    SessionId phone = randomSession();
    SessionId laptop = randomSession();
    String phoneToken = randomHash();
    UserId other = randomUser();
    SessionId otherSession = randomSession();
    store.createSession(user, phone, phoneToken, t0, LIMITS);
    store.createSession(user, laptop, randomHash(), t0, LIMITS);
    store.createSession(other, otherSession, randomHash(), t0, LIMITS);

    store.revokeAllSessions(user);

    assertThat(store.liveSessionCacheRevision(user, phone)).isEmpty();
    assertThat(store.liveSessionCacheRevision(user, laptop)).isEmpty();
    assertThat(store.liveSessionCacheRevision(other, otherSession)).isPresent();
    assertThat(rotate(phone, 0, phoneToken, randomHash(), randomBytes(), t0))
        .isInstanceOf(Invalid.class);

    SessionId fresh = randomSession();
    store.createSession(user, fresh, randomHash(), t0.plusSeconds(1), LIMITS);
    assertThat(store.liveSessionCacheRevision(user, fresh)).isPresent();
  }

  @Test
  void revokeOtherSessions_keepsOnlyTheNamedSession() {
    SessionId phone = randomSession();
    SessionId laptop = randomSession();
    SessionId tablet = randomSession();
    UserId other = randomUser();
    SessionId otherSession = randomSession();
    store.createSession(user, phone, randomHash(), t0, LIMITS);
    store.createSession(user, laptop, randomHash(), t0, LIMITS);
    store.createSession(user, tablet, randomHash(), t0, LIMITS);
    store.createSession(other, otherSession, randomHash(), t0, LIMITS);

    store.revokeOtherSessions(user, laptop);

    assertThat(store.liveSessionCacheRevision(user, phone)).isEmpty();
    assertThat(store.liveSessionCacheRevision(user, tablet)).isEmpty();
    assertThat(store.liveSessionCacheRevision(user, laptop)).isPresent();
    assertThat(store.liveSessionCacheRevision(other, otherSession)).isPresent();
    store.revokeAllSessions(user);
    assertThat(store.liveSessionCacheRevision(user, laptop)).isEmpty();
  }

  @Test
  void sessionNotRotatedWithinItsLifetime_expires_andEachRotationRenewsIt() {
    SessionId kept = randomSession();
    SessionId abandoned = randomSession();
    String first = randomHash();
    String second = randomHash();
    String abandonedToken = randomHash();
    store.createSession(user, kept, first, t0, LIMITS);
    store.createSession(user, abandoned, abandonedToken, t0, LIMITS);

    Instant halfway = t0.plus(TTL.dividedBy(2));
    assertThat(rotate(kept, 0, first, second, randomBytes(), halfway)).isEqualTo(new Rotated(1));
    Instant afterFirstLifetime = t0.plus(TTL).plusSeconds(1);

    assertThat(rotate(abandoned, 0, abandonedToken, randomHash(), randomBytes(),
        afterFirstLifetime)).isInstanceOf(Invalid.class);
    assertThat(rotate(kept, 1, second, randomHash(), randomBytes(), afterFirstLifetime))
        .isEqualTo(new Rotated(2));
  }

  @Test
  void currentTokenRotatedFromManyThreads_oneRotates_othersReplayTheSameSuccessor() {
    SessionId session = randomSession();
    String current = randomHash();
    store.createSession(user, session, current, t0, LIMITS);
    List<byte[]> sealed = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      sealed.add(randomBytes());
    }

    List<Outcome<Rotation>> outcomes = Race.run(RACERS, i -> rotate(session, 0, current,
        randomHash(), sealed.get(i), t0.plusSeconds(1)));

    assertThat(outcomes).allMatch(Outcome::succeeded);
    List<Integer> winners = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      if (outcomes.get(i).value() instanceof Rotated rotated) {
        assertThat(rotated.generation()).isEqualTo(1);
        winners.add(i);
      }
    }
    assertThat(winners).hasSize(1);
    byte[] kept = sealed.get(winners.get(0));
    for (int i = 0; i < RACERS; i++) {
      if (i != winners.get(0)) {
        assertReplayed(outcomes.get(i).value(), 1, kept);
      }
    }
    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();
  }

  @Test
  void forgedOldGeneration_isInvalid_andHarmsNothing() {
    SessionId session = randomSession();
    String first = randomHash();
    String second = randomHash();
    String third = randomHash();
    store.createSession(user, session, first, t0, LIMITS);
    rotate(session, 0, first, second, randomBytes(), t0);
    rotate(session, 1, second, third, randomBytes(), t0.plusSeconds(1));
    Instant afterGrace = t0.plus(GRACE).plusSeconds(5);

    assertThat(rotate(session, 0, randomHash(), randomHash(), randomBytes(), afterGrace))
        .as("a generation long retired, with a hash the session never issued")
        .isInstanceOf(Invalid.class);
    assertThat(rotate(session, 1, randomHash(), randomHash(), randomBytes(), afterGrace))
        .as("the generation just replaced, with a hash the session never issued")
        .isInstanceOf(Invalid.class);
    assertThat(rotate(session, 0, third, randomHash(), randomBytes(), afterGrace))
        .as("the current token presented under an old generation")
        .isInstanceOf(Invalid.class);

    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();
    assertThat(rotate(session, 2, third, randomHash(), randomBytes(), afterGrace))
        .isEqualTo(new Rotated(3));
  }

  @Test
  void retiredTokens_areRecognizedUpToTheBound_olderOnesAreMerelyInvalid() {
    SessionId session = randomSession();
    List<String> hashes = new ArrayList<>();
    hashes.add(randomHash());
    store.createSession(user, session, hashes.get(0), t0, LIMITS);
    int rotations = TokenStore.RETIRED_TOKENS_REMEMBERED + 2;
    for (int generation = 0; generation < rotations; generation++) {
      hashes.add(randomHash());
      assertThat(rotate(session, generation, hashes.get(generation), hashes.get(generation + 1),
          randomBytes(), t0.plusSeconds(generation))).isEqualTo(new Rotated(generation + 1));
    }
    Instant later = t0.plus(Duration.ofHours(1));
    int forgotten = rotations - TokenStore.RETIRED_TOKENS_REMEMBERED - 1;

    assertThat(rotate(session, forgotten, hashes.get(forgotten), randomHash(), randomBytes(),
        later)).isInstanceOf(Invalid.class);
    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();

    int oldestRemembered = forgotten + 1;
    assertThat(rotate(session, oldestRemembered, hashes.get(oldestRemembered), randomHash(),
        randomBytes(), later)).isInstanceOf(ReuseDetected.class);
    assertThat(store.liveSessionCacheRevision(user, session)).isEmpty();
  }

  @Test
  void revokeSessionWithToken_endsTheSessionOnlyForAHolderOfOneOfItsTokens() {
    SessionId phone = randomSession();
    SessionId laptop = randomSession();
    String first = randomHash();
    String second = randomHash();
    String laptopToken = randomHash();
    store.createSession(user, phone, first, t0, LIMITS);
    store.createSession(user, laptop, laptopToken, t0, LIMITS);
    rotate(phone, 0, first, second, randomBytes(), t0);

    assertThat(store.revokeSessionWithToken(user, phone, randomHash())).isFalse();
    assertThat(store.revokeSessionWithToken(user, phone, laptopToken)).isFalse();
    assertThat(store.revokeSessionWithToken(randomUser(), phone, second)).isFalse();
    assertThat(store.liveSessionCacheRevision(user, phone)).isPresent();

    assertThat(store.revokeSessionWithToken(user, phone, first)).as("a retired token").isTrue();
    assertThat(store.liveSessionCacheRevision(user, phone)).isEmpty();
    assertThat(store.revokeSessionWithToken(user, phone, second)).isFalse();

    assertThat(store.revokeSessionWithToken(user, laptop, laptopToken)).as("the current token")
        .isTrue();
    assertThat(store.liveSessionCacheRevision(user, laptop)).isEmpty();
  }

  @Test
  void sessionPastItsMaximumLifetime_cannotRotate_andIsRemoved() {
    SessionId session = randomSession();
    String token = randomHash();
    store.createSession(user, session, token, t0, LIMITS);
    long generation = 0;
    Instant now = t0;
    while (now.plus(TTL.dividedBy(2)).isBefore(t0.plus(MAX_LIFETIME))) {
      now = now.plus(TTL.dividedBy(2));
      String next = randomHash();
      assertThat(rotate(session, generation, token, next, randomBytes(), now))
          .isEqualTo(new Rotated(generation + 1));
      generation++;
      token = next;
    }

    assertThat(rotate(session, generation, token, randomHash(), randomBytes(),
        t0.plus(MAX_LIFETIME))).isInstanceOf(Invalid.class);
    assertThat(store.liveSessionCacheRevision(user, session)).isEmpty();
    assertThat(rotate(session, generation, token, randomHash(), randomBytes(),
        t0.plus(MAX_LIFETIME).minusSeconds(1))).isInstanceOf(Invalid.class);
  }

  @Test
  void sessionsBeyondTheCap_endTheOnesThatWouldExpireFirst() {
    List<SessionId> sessions = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < MAX_SESSIONS; i++) {
      sessions.add(randomSession());
      tokens.add(randomHash());
      store.createSession(user, sessions.get(i), tokens.get(i), t0.plusSeconds(i), LIMITS);
    }
    // The first session is refreshed: now the second is the one that would expire first.
    rotate(sessions.get(0), 0, tokens.get(0), randomHash(), randomBytes(), t0.plusSeconds(60));
    UserId other = randomUser();
    SessionId otherSession = randomSession();
    store.createSession(other, otherSession, randomHash(), t0, LIMITS);

    SessionId newest = randomSession();
    store.createSession(user, newest, randomHash(), t0.plusSeconds(61), LIMITS);

    assertThat(store.liveSessionCacheRevision(user, sessions.get(1))).isEmpty();
    assertThat(rotate(sessions.get(1), 0, tokens.get(1), randomHash(), randomBytes(),
        t0.plusSeconds(62))).isInstanceOf(Invalid.class);
    assertThat(store.liveSessionCacheRevision(user, newest)).isPresent();
    assertThat(store.liveSessionCacheRevision(user, sessions.get(0))).isPresent();
    for (int i = 2; i < MAX_SESSIONS; i++) {
      assertThat(store.liveSessionCacheRevision(user, sessions.get(i))).as("session %d", i)
          .isPresent();
    }
    assertThat(store.liveSessionCacheRevision(other, otherSession)).isPresent();
  }

  @Test
  void listSessions_showsEachLiveSession_withItsOriginAndLastRefresh_expiringFirstFirst() {
    SessionId phone = randomSession();
    SessionId laptop = randomSession();
    String phoneToken = randomHash();
    store.createSession(user, phone, phoneToken, t0, LIMITS,
        new SessionOrigin("2001:db8::1", "Phone/1.0"));
    store.createSession(user, laptop, randomHash(), t0.plusSeconds(10), LIMITS);
    store.createSession(randomUser(), randomSession(), randomHash(), t0, LIMITS);
    rotate(phone, 0, phoneToken, randomHash(), randomBytes(), t0.plusSeconds(60));

    assertThat(store.listSessions(user, t0.plusSeconds(61))).containsExactly(
        new SessionInfo(laptop, t0.plusSeconds(10), null, t0.plusSeconds(10).plus(TTL),
            SessionOrigin.UNKNOWN),
        new SessionInfo(phone, t0, t0.plusSeconds(60), t0.plusSeconds(60).plus(TTL),
            new SessionOrigin("2001:db8::1", "Phone/1.0")));
    assertThat(store.listSessions(randomUser(), t0)).isEmpty();
  }

  @Test
  void sessionStartedWithTheSecondFactor_keepsItsMethods_throughRotations_andRefusesOthers() {
    SessionId session = randomSession();
    String first = randomHash();
    String second = randomHash();
    SessionOrigin origin = new SessionOrigin("192.0.2.7", "Phone/1.0", AuthMethods.PASSWORD_AND_OTP);
    store.createSession(user, session, first, t0, LIMITS, origin);

    assertThat(store.rotate(user, session, 0, first, randomHash(), randomBytes(),
        t0.plusSeconds(1), GRACE, LIMITS, AuthMethods.PASSWORD))
        .isEqualTo(new Rotation.MethodsDiffer(AuthMethods.PASSWORD_AND_OTP));
    assertThat(store.rotate(user, session, 0, first, second, randomBytes(), t0.plusSeconds(2),
        GRACE, LIMITS, AuthMethods.PASSWORD_AND_OTP)).isEqualTo(new Rotated(1));
    assertThat(store.rotate(user, session, 1, second, randomHash(), randomBytes(),
        t0.plusSeconds(3), GRACE, LIMITS, AuthMethods.PASSWORD))
        .isEqualTo(new Rotation.MethodsDiffer(AuthMethods.PASSWORD_AND_OTP));
    assertThat(store.listSessions(user, t0.plusSeconds(4)))
        .extracting(info -> info.origin().methods())
        .containsExactly(AuthMethods.PASSWORD_AND_OTP);
  }

  @Test
  void passwordOnlySession_refusesASuccessorClaimingTheSecondFactor() {
    SessionId session = randomSession();
    String first = randomHash();
    store.createSession(user, session, first, t0, LIMITS);

    assertThat(store.rotate(user, session, 0, first, randomHash(), randomBytes(),
        t0.plusSeconds(1), GRACE, LIMITS, AuthMethods.PASSWORD_AND_OTP))
        .isEqualTo(new Rotation.MethodsDiffer(AuthMethods.PASSWORD));
    assertThat(rotate(session, 0, first, randomHash(), randomBytes(), t0.plusSeconds(2)))
        .isEqualTo(new Rotated(1));
  }

  @Test
  void listSessions_leavesOutEndedAndExpiredSessions_andNeverShowsMoreThanTheCap() {
    SessionId ended = randomSession();
    store.createSession(user, ended, randomHash(), t0, LIMITS);
    store.revokeSession(user, ended);
    for (int i = 0; i < MAX_SESSIONS + 2; i++) {
      store.createSession(user, randomSession(), randomHash(), t0.plusSeconds(i), LIMITS);
    }

    assertThat(store.listSessions(user, t0.plusSeconds(10))).hasSize(MAX_SESSIONS)
        .noneMatch(info -> info.session().equals(ended));
    assertThat(store.listSessions(user, t0.plus(TTL).plusSeconds(MAX_SESSIONS))).hasSize(1);
    assertThat(store.listSessions(user, t0.plus(TTL).plusSeconds(MAX_SESSIONS + 2))).isEmpty();
  }

  @Test
  void revokeSession_endsThatSessionOnly_andSaysWhetherItEndedOne() {
    SessionId ended = randomSession();
    SessionId kept = randomSession();
    store.createSession(user, ended, randomHash(), t0, LIMITS);
    store.createSession(user, kept, randomHash(), t0, LIMITS);
    UserId other = randomUser();

    assertThat(store.revokeSession(other, kept)).isFalse();
    assertThat(store.revokeSession(user, ended)).isTrue();
    assertThat(store.revokeSession(user, ended)).isFalse();

    assertThat(store.liveSessionCacheRevision(user, ended)).isEmpty();
    assertThat(store.liveSessionCacheRevision(user, kept)).isPresent();
    assertThat(store.listSessions(user, t0.plusSeconds(1)))
        .extracting(SessionInfo::session).containsExactly(kept);
  }

  @Test
  void sessionOrigin_isCutToItsBounds() {
    SessionOrigin origin = new SessionOrigin("a".repeat(500), "b".repeat(5000));
    store.createSession(user, randomSession(), randomHash(), t0, LIMITS, origin);

    assertThat(store.listSessions(user, t0)).singleElement().satisfies(info -> {
      assertThat(info.origin().clientAddress()).hasSize(SessionOrigin.MAX_CLIENT_ADDRESS);
      assertThat(info.origin().userAgent())
          .hasSize(dev.userservice.domain.RequestContext.MAX_USER_AGENT);
    });
  }

  // --- helpers --------------------------------------------------------------------------------

  private Rotation rotate(SessionId session, long generation, String presented, String successor,
      byte[] sealed, Instant now) {
    return store.rotate(user, session, generation, presented, successor, sealed, now, GRACE,
        LIMITS);
  }

  private static void assertReplayed(Rotation rotation, long generation, byte[] sealed) {
    assertThat(rotation).isInstanceOfSatisfying(Replayed.class, replayed -> {
      assertThat(replayed.generation()).isEqualTo(generation);
      assertThat(replayed.sealedSuccessor()).isEqualTo(sealed);
    });
  }

  private static UserId randomUser() {
    return new UserId(UUID.randomUUID());
  }

  private static SessionId randomSession() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  private static String randomHash() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[48];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
