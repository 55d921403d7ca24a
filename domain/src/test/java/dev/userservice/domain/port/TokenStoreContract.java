package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.CodePurpose;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} must do. An adapter's test extends this class and supplies
 * {@link #newStore()}.
 *
 * <p>Each test starts its clock at the real current time and only moves it forward by passing
 * later {@code now} values, so a store must compare its stored instants with the given
 * {@code now} (for session lifetime, grace windows, code expiry, rate and login windows) and may
 * use its own expiry (Redis TTLs) only to clean up. Users, sessions and buckets are random per
 * test, so a shared store needs no flushing between tests.
 */
public abstract class TokenStoreContract {

  private static final Duration TTL = Duration.ofDays(30);
  private static final Duration MAX_LIFETIME = Duration.ofDays(90);
  private static final int MAX_SESSIONS = 5;
  private static final SessionLimits LIMITS = new SessionLimits(TTL, MAX_LIFETIME, MAX_SESSIONS);
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final Duration CODE_TTL = Duration.ofMinutes(10);
  private static final int MAX_ATTEMPTS = 5;
  private static final int RACERS = 50;

  private TokenStore store;
  private Instant t0;
  private UserId user;

  /** A store for one test; it may be shared with other tests as long as it works. */
  protected abstract TokenStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    user = randomUser();
  }

  // --- sessions -------------------------------------------------------------------------------

  @Test
  void createdSession_isLive_forItsUserOnly() {
    SessionId session = randomSession();

    store.createSession(user, session, randomHash(), t0, LIMITS);

    assertThat(store.liveSessionRevision(user, session)).isPresent();
    assertThat(store.liveSessionRevision(randomUser(), session)).isEmpty();
    assertThat(store.liveSessionRevision(user, randomSession())).isEmpty();
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
    assertThat(store.liveSessionRevision(user, session)).isPresent();
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
    assertThat(store.liveSessionRevision(user, session)).isPresent();
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
    assertThat(store.liveSessionRevision(user, session)).isEmpty();
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
    assertThat(store.liveSessionRevision(user, session)).isEmpty();
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

    assertThat(store.liveSessionRevision(user, session)).isPresent();
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

    assertThat(store.liveSessionRevision(user, session)).isEmpty();
    assertThat(rotate(session, 0, first, randomHash(), randomBytes(), t0))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void revision_staysThroughRotation_andIsNewForEverySessionOfTheUserAfterEachChange() {
    SessionId phone = randomSession();
    SessionId laptop = randomSession();
    String phoneToken = randomHash();
    UserId other = randomUser();
    SessionId otherSession = randomSession();
    store.createSession(user, phone, phoneToken, t0, LIMITS);
    store.createSession(user, laptop, randomHash(), t0, LIMITS);
    store.createSession(other, otherSession, randomHash(), t0, LIMITS);
    String phoneAtLogin = store.liveSessionRevision(user, phone).orElseThrow();
    String laptopAtLogin = store.liveSessionRevision(user, laptop).orElseThrow();
    String otherAtLogin = store.liveSessionRevision(other, otherSession).orElseThrow();

    rotate(phone, 0, phoneToken, randomHash(), randomBytes(), t0.plusSeconds(1));
    assertThat(store.liveSessionRevision(user, phone)).contains(phoneAtLogin);

    store.userChanged(user);
    String afterFirstChange = store.liveSessionRevision(user, phone).orElseThrow();
    store.userChanged(user);
    String afterSecondChange = store.liveSessionRevision(user, phone).orElseThrow();

    assertThat(List.of(phoneAtLogin, laptopAtLogin, otherAtLogin, afterFirstChange,
        afterSecondChange)).doesNotHaveDuplicates();
    assertThat(store.liveSessionRevision(user, laptop)).contains(afterSecondChange);
    assertThat(store.liveSessionRevision(other, otherSession)).contains(otherAtLogin);
  }

  @Test
  void userChanged_neverRevivesASession() {
    SessionId session = randomSession();
    store.createSession(user, session, randomHash(), t0, LIMITS);
    store.revokeSession(user, session);

    store.userChanged(user);
    store.userChanged(randomUser());

    assertThat(store.liveSessionRevision(user, session)).isEmpty();
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

    assertThat(store.liveSessionRevision(user, phone)).isEmpty();
    assertThat(store.liveSessionRevision(user, laptop)).isEmpty();
    assertThat(store.liveSessionRevision(other, otherSession)).isPresent();
    assertThat(rotate(phone, 0, phoneToken, randomHash(), randomBytes(), t0))
        .isInstanceOf(Invalid.class);

    SessionId fresh = randomSession();
    store.createSession(user, fresh, randomHash(), t0.plusSeconds(1), LIMITS);
    assertThat(store.liveSessionRevision(user, fresh)).isPresent();
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

    assertThat(store.liveSessionRevision(user, phone)).isEmpty();
    assertThat(store.liveSessionRevision(user, tablet)).isEmpty();
    assertThat(store.liveSessionRevision(user, laptop)).isPresent();
    assertThat(store.liveSessionRevision(other, otherSession)).isPresent();
    store.revokeAllSessions(user);
    assertThat(store.liveSessionRevision(user, laptop)).isEmpty();
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
    assertThat(store.liveSessionRevision(user, session)).isPresent();
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

    assertThat(store.liveSessionRevision(user, session)).isPresent();
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
    assertThat(store.liveSessionRevision(user, session)).isPresent();

    int oldestRemembered = forgotten + 1;
    assertThat(rotate(session, oldestRemembered, hashes.get(oldestRemembered), randomHash(),
        randomBytes(), later)).isInstanceOf(ReuseDetected.class);
    assertThat(store.liveSessionRevision(user, session)).isEmpty();
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
    assertThat(store.liveSessionRevision(user, phone)).isPresent();

    assertThat(store.revokeSessionWithToken(user, phone, first)).as("a retired token").isTrue();
    assertThat(store.liveSessionRevision(user, phone)).isEmpty();
    assertThat(store.revokeSessionWithToken(user, phone, second)).isFalse();

    assertThat(store.revokeSessionWithToken(user, laptop, laptopToken)).as("the current token")
        .isTrue();
    assertThat(store.liveSessionRevision(user, laptop)).isEmpty();
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
    assertThat(store.liveSessionRevision(user, session)).isEmpty();
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

    assertThat(store.liveSessionRevision(user, sessions.get(1))).isEmpty();
    assertThat(rotate(sessions.get(1), 0, tokens.get(1), randomHash(), randomBytes(),
        t0.plusSeconds(62))).isInstanceOf(Invalid.class);
    assertThat(store.liveSessionRevision(user, newest)).isPresent();
    assertThat(store.liveSessionRevision(user, sessions.get(0))).isPresent();
    for (int i = 2; i < MAX_SESSIONS; i++) {
      assertThat(store.liveSessionRevision(user, sessions.get(i))).as("session %d", i).isPresent();
    }
    assertThat(store.liveSessionRevision(other, otherSession)).isPresent();
  }

  // --- one-time codes -------------------------------------------------------------------------

  @Test
  void savedCode_isAcceptedOnce() {
    String code = randomHash();
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, code, t0.plus(CODE_TTL));

    assertThat(check(CodePurpose.EMAIL_VERIFICATION, code, t0.plusSeconds(1)))
        .isEqualTo(CodeCheck.ACCEPTED);
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, code, t0.plusSeconds(2)))
        .isEqualTo(CodeCheck.EXPIRED);
  }

  @Test
  void neverIssuedCode_isExpired() {
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, randomHash(), t0))
        .isEqualTo(CodeCheck.EXPIRED);
  }

  @Test
  void wrongCodes_countUntilMaxAttempts_thenTheCodeIsVoid() {
    String code = randomHash();
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, code, t0.plus(CODE_TTL));

    for (int miss = 1; miss < MAX_ATTEMPTS; miss++) {
      assertThat(check(CodePurpose.EMAIL_VERIFICATION, randomHash(), t0.plusSeconds(miss)))
          .as("miss %d", miss).isEqualTo(CodeCheck.WRONG);
    }
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, randomHash(), t0.plusSeconds(10)))
        .isEqualTo(CodeCheck.EXHAUSTED);
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, randomHash(), t0.plusSeconds(11)))
        .isEqualTo(CodeCheck.EXHAUSTED);
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, code, t0.plusSeconds(12)))
        .isIn(CodeCheck.EXHAUSTED, CodeCheck.EXPIRED);
  }

  @Test
  void rightCode_isAccepted_afterMissesBelowTheLimit() {
    String code = randomHash();
    store.saveCode(user, CodePurpose.PASSWORD_RESET, code, t0.plus(CODE_TTL));

    for (int miss = 1; miss < MAX_ATTEMPTS; miss++) {
      check(CodePurpose.PASSWORD_RESET, randomHash(), t0.plusSeconds(miss));
    }

    assertThat(check(CodePurpose.PASSWORD_RESET, code, t0.plusSeconds(10)))
        .isEqualTo(CodeCheck.ACCEPTED);
  }

  @Test
  void newCode_voidsThePreviousOne_andStartsWithFreshAttempts() {
    String old = randomHash();
    String current = randomHash();
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, old, t0.plus(CODE_TTL));
    for (int miss = 1; miss < MAX_ATTEMPTS; miss++) {
      check(CodePurpose.EMAIL_VERIFICATION, randomHash(), t0.plusSeconds(miss));
    }

    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, current,
        t0.plusSeconds(10).plus(CODE_TTL));

    assertThat(check(CodePurpose.EMAIL_VERIFICATION, old, t0.plusSeconds(11)))
        .isEqualTo(CodeCheck.WRONG);
    for (int miss = 2; miss < MAX_ATTEMPTS; miss++) {
      assertThat(check(CodePurpose.EMAIL_VERIFICATION, randomHash(), t0.plusSeconds(11 + miss)))
          .isEqualTo(CodeCheck.WRONG);
    }
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, current, t0.plusSeconds(20)))
        .isEqualTo(CodeCheck.ACCEPTED);
  }

  @Test
  void code_expiresAtItsDeadline_evenIfRight() {
    String early = randomHash();
    String late = randomHash();
    UserId other = randomUser();
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, late, t0.plus(CODE_TTL));
    store.saveCode(other, CodePurpose.EMAIL_VERIFICATION, early, t0.plus(CODE_TTL));

    assertThat(store.checkCode(other, CodePurpose.EMAIL_VERIFICATION, early, MAX_ATTEMPTS,
        t0.plus(CODE_TTL).minusMillis(1))).isEqualTo(CodeCheck.ACCEPTED);
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, randomHash(),
        t0.plus(CODE_TTL).plusMillis(1))).isEqualTo(CodeCheck.EXPIRED);
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, late, t0.plus(CODE_TTL).plusMillis(2)))
        .isEqualTo(CodeCheck.EXPIRED);
  }

  @Test
  void purposes_haveIndependentCodesAndAttempts() {
    String verification = randomHash();
    String reset = randomHash();
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, verification, t0.plus(CODE_TTL));
    store.saveCode(user, CodePurpose.PASSWORD_RESET, reset, t0.plus(CODE_TTL));

    for (int miss = 1; miss <= MAX_ATTEMPTS; miss++) {
      check(CodePurpose.PASSWORD_RESET, randomHash(), t0.plusSeconds(miss));
    }
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, reset, t0.plusSeconds(10)))
        .isEqualTo(CodeCheck.WRONG);

    assertThat(check(CodePurpose.EMAIL_VERIFICATION, verification, t0.plusSeconds(11)))
        .isEqualTo(CodeCheck.ACCEPTED);
    assertThat(check(CodePurpose.PASSWORD_RESET, reset, t0.plusSeconds(12)))
        .isIn(CodeCheck.EXHAUSTED, CodeCheck.EXPIRED);
  }

  @Test
  void deleteCodes_forgetsEveryCodeOfThatUserOnly() {
    UserId other = randomUser();
    String otherCode = randomHash();
    String verification = randomHash();
    String reset = randomHash();
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, verification, t0.plus(CODE_TTL));
    store.saveCode(user, CodePurpose.PASSWORD_RESET, reset, t0.plus(CODE_TTL));
    store.saveCode(other, CodePurpose.EMAIL_VERIFICATION, otherCode, t0.plus(CODE_TTL));

    store.deleteCodes(user);

    assertThat(check(CodePurpose.EMAIL_VERIFICATION, verification, t0.plusSeconds(1)))
        .isEqualTo(CodeCheck.EXPIRED);
    assertThat(check(CodePurpose.PASSWORD_RESET, reset, t0.plusSeconds(1)))
        .isEqualTo(CodeCheck.EXPIRED);
    assertThat(store.checkCode(other, CodePurpose.EMAIL_VERIFICATION, otherCode, MAX_ATTEMPTS,
        t0.plusSeconds(1))).isEqualTo(CodeCheck.ACCEPTED);
  }

  @Test
  void wrongCodesGuessedFromManyThreads_countNoMoreThanMaxAttempts() {
    String code = randomHash();
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, code, t0.plus(CODE_TTL));

    List<Outcome<CodeCheck>> outcomes = Race.run(RACERS,
        i -> check(CodePurpose.EMAIL_VERIFICATION, randomHash(), t0.plusSeconds(1)));

    assertThat(outcomes).allMatch(Outcome::succeeded);
    List<CodeCheck> results = outcomes.stream().map(Outcome::value).toList();
    assertThat(results).filteredOn(r -> r == CodeCheck.WRONG).hasSize(MAX_ATTEMPTS - 1);
    assertThat(results).filteredOn(r -> r == CodeCheck.EXHAUSTED)
        .hasSize(RACERS - MAX_ATTEMPTS + 1);
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, code, t0.plusSeconds(2)))
        .isIn(CodeCheck.EXHAUSTED, CodeCheck.EXPIRED);
  }

  @Test
  void rightCodePresentedFromManyThreads_isAcceptedOnce() {
    String code = randomHash();
    store.saveCode(user, CodePurpose.PASSWORD_RESET, code, t0.plus(CODE_TTL));

    List<Outcome<CodeCheck>> outcomes = Race.run(RACERS,
        i -> check(CodePurpose.PASSWORD_RESET, code, t0.plusSeconds(1)));

    assertThat(outcomes).allMatch(Outcome::succeeded);
    List<CodeCheck> results = outcomes.stream().map(Outcome::value).toList();
    assertThat(results).filteredOn(r -> r == CodeCheck.ACCEPTED).hasSize(1);
    assertThat(results).filteredOn(r -> r == CodeCheck.EXPIRED).hasSize(RACERS - 1);
  }

  // --- the cap on wrong guesses across codes (issue 17, finding 7) ---------------------------

  private static final GuessCap CAP = new GuessCap(10, Duration.ofHours(24), Duration.ofHours(24),
      Duration.ofDays(30));

  @Test
  void guessCap_countsMissesAcrossCodes_andLocksThePurposeOnceReached() {
    store.saveCode(user, CodePurpose.PASSWORD_RESET, randomHash(), t0.plus(CODE_TTL));
    for (int miss = 1; miss < MAX_ATTEMPTS; miss++) {
      assertThat(capped(randomHash(), t0.plusSeconds(miss))).isEqualTo(CodeCheck.WRONG);
    }
    assertThat(capped(randomHash(), t0.plusSeconds(5))).isEqualTo(CodeCheck.EXHAUSTED);
    String second = randomHash();
    store.saveCode(user, CodePurpose.PASSWORD_RESET, second, t0.plusSeconds(6).plus(CODE_TTL));
    for (int miss = 1; miss < MAX_ATTEMPTS; miss++) {
      assertThat(capped(randomHash(), t0.plusSeconds(6 + miss))).as("miss %d", 5 + miss)
          .isEqualTo(CodeCheck.WRONG);
    }
    Instant locked = t0.plusSeconds(20);

    assertThat(capped(randomHash(), locked)).as("the tenth miss").isEqualTo(CodeCheck.CAP_REACHED);
    assertThat(store.codeLockout(user, CodePurpose.PASSWORD_RESET, locked))
        .isEqualTo(CAP.firstLockout());
    assertThat(capped(second, locked.plusSeconds(1))).as("even the right code")
        .isEqualTo(CodeCheck.LOCKED);
    String third = randomHash();
    store.saveCode(user, CodePurpose.PASSWORD_RESET, third, locked.plusSeconds(2).plus(CODE_TTL));
    assertThat(capped(third, locked.plusSeconds(3))).as("a new code while locked")
        .isEqualTo(CodeCheck.LOCKED);
    assertThat(store.codeLockout(user, CodePurpose.EMAIL_VERIFICATION, locked)).isZero();

    Instant after = locked.plus(CAP.firstLockout());
    assertThat(store.codeLockout(user, CodePurpose.PASSWORD_RESET, after)).isZero();
    String fourth = randomHash();
    store.saveCode(user, CodePurpose.PASSWORD_RESET, fourth, after.plus(CODE_TTL));
    assertThat(capped(fourth, after.plusSeconds(1))).isEqualTo(CodeCheck.ACCEPTED);
  }

  @Test
  void guessCap_eachFurtherLock_lastsTwiceAsLong() {
    Instant now = t0;
    for (int lock = 1; lock <= 3; lock++) {
      now = reachCap(now);
      assertThat(store.codeLockout(user, CodePurpose.PASSWORD_RESET, now)).as("lock %d", lock)
          .isEqualTo(CAP.lockout(lock));
      now = now.plus(CAP.lockout(lock));
    }
    assertThat(CAP.lockout(3)).isEqualTo(Duration.ofHours(96));
  }

  @Test
  void guessCap_forgetsMissesOutsideItsWindow_andAfterAnAcceptedCode() {
    store.saveCode(user, CodePurpose.PASSWORD_RESET, randomHash(), t0.plus(CODE_TTL));
    for (int miss = 0; miss < 4; miss++) {
      capped(randomHash(), t0.plusSeconds(miss));
    }
    Instant later = t0.plus(CAP.window()).plusSeconds(10);
    String code = randomHash();
    store.saveCode(user, CodePurpose.PASSWORD_RESET, code, later.plus(CODE_TTL));
    for (int miss = 0; miss < 4; miss++) {
      assertThat(capped(randomHash(), later.plusSeconds(miss))).isEqualTo(CodeCheck.WRONG);
    }
    assertThat(capped(code, later.plusSeconds(5))).isEqualTo(CodeCheck.ACCEPTED);
    for (int round = 0; round < 2; round++) {
      Instant at = later.plusSeconds(10 + round * 10);
      store.saveCode(user, CodePurpose.PASSWORD_RESET, randomHash(), at.plus(CODE_TTL));
      for (int miss = 0; miss < 4; miss++) {
        assertThat(capped(randomHash(), at.plusSeconds(miss))).as("round %d", round)
            .isEqualTo(CodeCheck.WRONG);
      }
    }
    assertThat(store.codeLockout(user, CodePurpose.PASSWORD_RESET, later.plusSeconds(60)))
        .isZero();
  }

  @Test
  void guessCap_survivesDeleteCodes() {
    Instant locked = reachCap(t0);

    store.deleteCodes(user);

    assertThat(store.codeLockout(user, CodePurpose.PASSWORD_RESET, locked.plusSeconds(1)))
        .isPositive();
  }

  @Test
  void guessCap_underConcurrentMisses_isReachedOnce_andCountsNoMore() {
    GuessCap three = new GuessCap(3, Duration.ofHours(1), Duration.ofHours(1),
        Duration.ofDays(1));
    store.saveCode(user, CodePurpose.PASSWORD_RESET, randomHash(), t0.plus(CODE_TTL));

    List<Outcome<CodeCheck>> outcomes = Race.run(RACERS, i -> store.checkCode(user,
        CodePurpose.PASSWORD_RESET, randomHash(), MAX_ATTEMPTS, three, t0.plusSeconds(1)));

    assertThat(outcomes).allMatch(Outcome::succeeded);
    List<CodeCheck> results = outcomes.stream().map(Outcome::value).toList();
    assertThat(results).filteredOn(r -> r == CodeCheck.WRONG).hasSize(2);
    assertThat(results).filteredOn(r -> r == CodeCheck.CAP_REACHED).hasSize(1);
    assertThat(results).filteredOn(r -> r == CodeCheck.LOCKED).hasSize(RACERS - 3);
  }

  /** Misses the reset codes of {@link #user} until the cap is reached; returns when it was. */
  private Instant reachCap(Instant from) {
    Instant now = from;
    for (int miss = 0; ; miss++) {
      if (miss % MAX_ATTEMPTS == 0) {
        store.saveCode(user, CodePurpose.PASSWORD_RESET, randomHash(), now.plus(CODE_TTL));
      }
      now = now.plusSeconds(1);
      CodeCheck result = capped(randomHash(), now);
      if (result == CodeCheck.CAP_REACHED) {
        return now;
      }
      assertThat(result).as("miss %d", miss).isIn(CodeCheck.WRONG, CodeCheck.EXHAUSTED);
    }
  }

  private CodeCheck capped(String codeHash, Instant now) {
    return store.checkCode(user, CodePurpose.PASSWORD_RESET, codeHash, MAX_ATTEMPTS, CAP, now);
  }

  // --- rate limits ----------------------------------------------------------------------------

  @Test
  void limit_allowsExactlyMaxEvents_thenSaysHowLongToWait() {
    String bucket = randomBucket();
    List<RateLimit> tenPerMinute = List.of(new RateLimit(10, Duration.ofMinutes(1)));

    for (int i = 0; i < 10; i++) {
      assertThat(store.tryAcquire(bucket, tenPerMinute, t0.plusMillis(i))).as("event %d", i)
          .isEmpty();
    }
    Optional<Duration> refused = store.tryAcquire(bucket, tenPerMinute, t0.plusMillis(10));

    assertThat(refused).hasValueSatisfying(wait -> assertThat(wait)
        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
    assertThat(store.tryAcquire(bucket, tenPerMinute, t0.plusMillis(10).plus(refused.get())))
        .isEmpty();
  }

  @Test
  void refusedEvents_countNothing() {
    String bucket = randomBucket();
    List<RateLimit> threePerMinute = List.of(new RateLimit(3, Duration.ofMinutes(1)));
    for (int i = 0; i < 3; i++) {
      store.tryAcquire(bucket, threePerMinute, t0);
    }
    for (int i = 1; i <= 20; i++) {
      assertThat(store.tryAcquire(bucket, threePerMinute, t0.plusSeconds(i))).isPresent();
    }

    Instant windowLater = t0.plus(Duration.ofMinutes(1)).plusMillis(1);
    for (int i = 0; i < 3; i++) {
      assertThat(store.tryAcquire(bucket, threePerMinute, windowLater)).isEmpty();
    }
    assertThat(store.tryAcquire(bucket, threePerMinute, windowLater)).isPresent();
  }

  @Test
  void window_slides_freeingEachEventAWindowAfterIt() {
    String bucket = randomBucket();
    List<RateLimit> fourPerMinute = List.of(new RateLimit(4, Duration.ofMinutes(1)));
    store.tryAcquire(bucket, fourPerMinute, t0);
    store.tryAcquire(bucket, fourPerMinute, t0);
    store.tryAcquire(bucket, fourPerMinute, t0.plusSeconds(30));
    store.tryAcquire(bucket, fourPerMinute, t0.plusSeconds(30));

    Optional<Duration> wait = store.tryAcquire(bucket, fourPerMinute, t0.plusSeconds(40));
    assertThat(wait).hasValueSatisfying(w ->
        assertThat(w).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20)));

    Instant firstTwoGone = t0.plusSeconds(60).plusMillis(1);
    assertThat(store.tryAcquire(bucket, fourPerMinute, firstTwoGone)).isEmpty();
    assertThat(store.tryAcquire(bucket, fourPerMinute, firstTwoGone)).isEmpty();
    assertThat(store.tryAcquire(bucket, fourPerMinute, firstTwoGone)).isPresent();
  }

  @Test
  void everyLimit_holdsAtOnce() {
    String bucket = randomBucket();
    List<RateLimit> resendLimits = List.of(
        new RateLimit(1, Duration.ofSeconds(60)), new RateLimit(5, Duration.ofHours(1)));

    assertThat(store.tryAcquire(bucket, resendLimits, t0)).isEmpty();
    assertThat(store.tryAcquire(bucket, resendLimits, t0.plusSeconds(1)))
        .hasValueSatisfying(w -> assertThat(w).isPositive()
            .isLessThanOrEqualTo(Duration.ofSeconds(60)));
    for (int i = 1; i < 5; i++) {
      assertThat(store.tryAcquire(bucket, resendLimits, t0.plusSeconds(61L * i)))
          .as("resend %d", i).isEmpty();
    }

    Instant sixth = t0.plusSeconds(61L * 5);
    Optional<Duration> hourly = store.tryAcquire(bucket, resendLimits, sixth);
    assertThat(hourly).hasValueSatisfying(w -> assertThat(w)
        .isGreaterThan(Duration.ofSeconds(60)).isLessThanOrEqualTo(Duration.ofHours(1)));
    assertThat(store.tryAcquire(bucket, resendLimits, sixth.plus(hourly.get()))).isEmpty();
  }

  @Test
  void buckets_areIndependent() {
    String one = randomBucket();
    String other = randomBucket();
    List<RateLimit> onePerMinute = List.of(new RateLimit(1, Duration.ofMinutes(1)));

    assertThat(store.tryAcquire(one, onePerMinute, t0)).isEmpty();
    assertThat(store.tryAcquire(other, onePerMinute, t0)).isEmpty();
    assertThat(store.tryAcquire(one, onePerMinute, t0)).isPresent();
  }

  @Test
  void limitRacedFromManyThreads_isNeverExceeded() {
    String bucket = randomBucket();
    List<RateLimit> tenPerMinute = List.of(new RateLimit(10, Duration.ofMinutes(1)));

    List<Outcome<Optional<Duration>>> outcomes =
        Race.run(RACERS, i -> store.tryAcquire(bucket, tenPerMinute, t0));

    assertThat(outcomes).allMatch(Outcome::succeeded);
    assertThat(outcomes).filteredOn(o -> o.value().isEmpty()).hasSize(10);
    assertThat(store.tryAcquire(bucket, tenPerMinute, t0.plusSeconds(1))).isPresent();
  }

  // --- login attempts -------------------------------------------------------------------------

  @Test
  void freeAttempts_proceedAtOnce_thenEachFailureMakesTheNextWaitTwiceAsLong() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(15);

    for (int i = 0; i < 5; i++) {
      assertThat(reserve(account, 5, window, t0.plusMillis(i))).as("attempt %d", i).isEmpty();
    }
    Instant fifth = t0.plusMillis(4);
    assertThat(reserve(account, 5, window, fifth)).contains(Duration.ofSeconds(1));
    assertThat(reserve(account, 5, window, fifth.plusMillis(400)))
        .contains(Duration.ofMillis(600));

    Instant sixth = fifth.plusSeconds(1);
    assertThat(reserve(account, 5, window, sixth)).isEmpty();
    assertThat(reserve(account, 5, window, sixth)).contains(Duration.ofSeconds(2));
    Instant seventh = sixth.plusSeconds(2);
    assertThat(reserve(account, 5, window, seventh)).isEmpty();
    assertThat(reserve(account, 5, window, seventh)).contains(Duration.ofSeconds(4));
    assertThat(reserve(randomBucket(), 5, window, seventh)).isEmpty();
  }

  @Test
  void refusedAttempts_countNothing() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(15);
    reserve(account, 2, window, t0);
    reserve(account, 2, window, t0);
    for (int i = 0; i < 20; i++) {
      assertThat(reserve(account, 2, window, t0.plusMillis(i))).isPresent();
    }

    Instant waited = t0.plusSeconds(1);
    assertThat(reserve(account, 2, window, waited)).isEmpty();
    assertThat(reserve(account, 2, window, waited)).contains(Duration.ofSeconds(2));
  }

  @Test
  void attemptsReservedFromManyThreads_admitNoMoreThanTheFreeOnes() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(15);

    List<Outcome<Optional<Duration>>> outcomes =
        Race.run(RACERS, i -> reserve(account, 5, window, t0));

    assertThat(outcomes).allMatch(Outcome::succeeded);
    assertThat(outcomes).filteredOn(o -> o.value().isEmpty()).hasSize(5);
    assertThat(outcomes).filteredOn(o -> o.value().isPresent())
        .allSatisfy(o -> assertThat(o.value()).contains(Duration.ofSeconds(1)));
  }

  @Test
  void loginSucceeded_forgetsTheAccountsFailures_andTakesBackOneAttemptOfTheAddress() {
    String account = randomBucket();
    String address = randomBucket();
    Duration window = Duration.ofMinutes(15);
    for (int i = 0; i < 2; i++) {
      reserve(account, 3, window, t0);
      reserve(address, 3, window, t0);
    }

    store.loginSucceeded(account, address);
    store.loginSucceeded(randomBucket(), null);
    store.loginSucceeded(randomBucket(), randomBucket());

    for (int i = 0; i < 2; i++) {
      assertThat(reserve(account, 3, window, t0)).as("account attempt %d", i).isEmpty();
      assertThat(reserve(address, 3, window, t0)).as("address attempt %d", i).isEmpty();
    }
    assertThat(reserve(account, 3, window, t0)).isEmpty();
    assertThat(reserve(address, 3, window, t0)).isPresent();
  }

  @Test
  void clearLoginFailures_startsOver() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(15);
    reserve(account, 2, window, t0);
    reserve(account, 2, window, t0);
    assertThat(reserve(account, 2, window, t0)).isPresent();

    store.clearLoginFailures(account);
    store.clearLoginFailures(randomBucket());

    assertThat(reserve(account, 2, window, t0)).isEmpty();
    assertThat(reserve(account, 2, window, t0)).isEmpty();
    assertThat(reserve(account, 2, window, t0)).contains(Duration.ofSeconds(1));
  }

  @Test
  void wait_isCappedAtTheWindow() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(1);

    List<Duration> waits = new ArrayList<>();
    Instant now = t0;
    for (int i = 0; i < 7; i++) {
      assertThat(reserve(account, 1, window, now)).as("attempt %d", i).isEmpty();
      Duration wait = reserve(account, 1, window, now).orElseThrow();
      waits.add(wait);
      now = now.plus(wait).minusMillis(1);
      assertThat(reserve(account, 1, window, now)).contains(Duration.ofMillis(1));
      now = now.plusMillis(1);
    }

    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
        Duration.ofSeconds(32), window);
  }

  @Test
  void failures_areForgottenAWindowAfterTheLastOne() {
    String account = randomBucket();
    Duration window = Duration.ofMinutes(1);
    reserve(account, 3, window, t0);
    reserve(account, 3, window, t0.plusSeconds(30));
    Instant last = t0.plusSeconds(50);
    reserve(account, 3, window, last);
    Instant stillRemembered = last.plus(window).minusMillis(1);
    assertThat(reserve(account, 3, window, stillRemembered)).isEmpty();
    assertThat(reserve(account, 3, window, stillRemembered)).isPresent();

    Instant forgotten = stillRemembered.plus(window);
    for (int i = 0; i < 2; i++) {
      assertThat(reserve(account, 3, window, forgotten)).as("attempt %d", i).isEmpty();
    }
    assertThat(reserve(account, 3, window, forgotten)).isEmpty();
    assertThat(reserve(account, 3, window, forgotten)).isPresent();
  }

  // --- helpers --------------------------------------------------------------------------------

  private Rotation rotate(SessionId session, long generation, String presented, String successor,
      byte[] sealed, Instant now) {
    return store.rotate(user, session, generation, presented, successor, sealed, now, GRACE,
        LIMITS);
  }

  private Optional<Duration> reserve(String key, int freeFailures, Duration window, Instant now) {
    return store.reserveLoginAttempt(key, freeFailures, window, now);
  }

  private CodeCheck check(CodePurpose purpose, String codeHash, Instant now) {
    return store.checkCode(user, purpose, codeHash, MAX_ATTEMPTS, now);
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

  private static String randomBucket() {
    return "contract-test:" + UUID.randomUUID();
  }
}
