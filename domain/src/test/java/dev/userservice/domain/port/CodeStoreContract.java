package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Race.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CodeStore} must do: one-time codes and the cap on guessing them. An adapter's
 * test extends this class and supplies {@link #newStore()}; {@link TokenStoreContract} runs it for
 * a store that plays every role.
 *
 * <p>Each test starts its clock at the real current time and only moves it forward by passing
 * later {@code now} values, so a store must compare its stored instants with the given
 * {@code now} and may use its own expiry (Redis TTLs) only to clean up. Keys are random per
 * test, so a shared store needs no flushing between tests.
 */
public abstract class CodeStoreContract {

  private static final Duration CODE_TTL = Duration.ofMinutes(10);
  private static final int MAX_ATTEMPTS = 5;
  private static final int RACERS = 50;

  private CodeStore store;
  private Instant t0;
  private UserId user;

  /** A store for one test; it may be shared with other tests as long as it works. */
  protected abstract CodeStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    user = randomUser();
  }

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
  void aUse_isFirstOnce_untilItsMarkExpires_perUser() {
    String use = randomHash();
    Instant until = t0.plusSeconds(90);

    assertThat(store.useOnce(user, use, until, t0)).isTrue();
    assertThat(store.useOnce(user, use, until, t0.plusSeconds(89))).isFalse();
    assertThat(store.useOnce(randomUser(), use, until, t0.plusSeconds(1))).isTrue();
    assertThat(store.useOnce(user, randomHash(), until, t0.plusSeconds(1))).isTrue();
    assertThat(store.useOnce(user, use, t0.plusSeconds(180), until)).isTrue();
  }

  @Test
  void racingUses_ofOneMark_haveExactlyOneFirst() {
    String use = randomHash();

    List<Outcome<Boolean>> outcomes = Race.run(RACERS,
        racer -> store.useOnce(user, use, t0.plusSeconds(90), t0));

    assertThat(outcomes).allMatch(Outcome::succeeded);
    assertThat(outcomes.stream().filter(Outcome::value)).hasSize(1);
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
  void forgetUser_forgetsCodesAndCountedMisses_ofThatUserOnly() {
    Instant locked = reachCap(t0);
    String code = randomHash();
    store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, code, locked.plus(CODE_TTL));
    UserId other = randomUser();
    String otherCode = randomHash();
    store.saveCode(other, CodePurpose.EMAIL_VERIFICATION, otherCode, locked.plus(CODE_TTL));

    store.forgetUser(user);

    assertThat(store.codeLockout(user, CodePurpose.PASSWORD_RESET, locked.plusSeconds(1)))
        .isZero();
    assertThat(check(CodePurpose.EMAIL_VERIFICATION, code, locked.plusSeconds(1)))
        .isEqualTo(CodeCheck.EXPIRED);
    assertThat(store.checkCode(other, CodePurpose.EMAIL_VERIFICATION, otherCode, MAX_ATTEMPTS,
        locked.plusSeconds(1))).isEqualTo(CodeCheck.ACCEPTED);
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

  // --- helpers --------------------------------------------------------------------------------

  private CodeCheck check(CodePurpose purpose, String codeHash, Instant now) {
    return store.checkCode(user, purpose, codeHash, MAX_ATTEMPTS, now);
  }

  private static UserId randomUser() {
    return new UserId(UUID.randomUUID());
  }

  private static String randomHash() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
