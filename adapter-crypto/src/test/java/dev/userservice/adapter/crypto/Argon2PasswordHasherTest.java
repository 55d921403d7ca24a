package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.UnavailableException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2PasswordHasherTest {

  // Small parameters keep the suite fast; one test below uses the OWASP defaults.
  private static final Argon2Settings CHEAP = new Argon2Settings(1024, 1, 1);

  private final Argon2PasswordHasher hasher = new Argon2PasswordHasher(CHEAP);

  @Test
  void hashedPassword_verifies() {
    Password password = new Password("correct horse battery staple");

    PasswordHash hash = hasher.hash(password);

    assertThat(hasher.verify(password, hash)).isTrue();
  }

  @Test
  void wrongPassword_doesNotVerify() {
    PasswordHash hash = hasher.hash(new Password("correct horse battery staple"));

    assertThat(hasher.verify(new Password("correct horse battery stapler"), hash)).isFalse();
  }

  @Test
  void hash_isAnArgon2idPhcStringWithTheConfiguredParameters() {
    PasswordHash hash = hasher.hash(new Password("s3cret-enough"));

    String[] parts = hash.value().split("\\$");
    assertThat(parts).hasSize(6);
    assertThat(parts[1]).isEqualTo("argon2id");
    assertThat(parts[2]).isEqualTo("v=19");
    assertThat(parts[3]).isEqualTo("m=1024,t=1,p=1");
    assertThat(parts[4]).doesNotContain("=");
    assertThat(parts[5]).doesNotContain("=");
    assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
  }

  @Test
  void samePassword_getsADifferentSaltEachTime() {
    Password password = new Password("same password twice");

    assertThat(hasher.hash(password)).isNotEqualTo(hasher.hash(password));
  }

  @Test
  void defaultSettings_areTheOwaspMinimum_andRoundTrip() {
    Argon2PasswordHasher owasp = new Argon2PasswordHasher(Argon2Settings.defaults(), 1);
    Password password = new Password("correct horse battery staple");

    PasswordHash hash = owasp.hash(password);

    assertThat(Argon2Settings.defaults()).isEqualTo(new Argon2Settings(19_456, 2, 1));
    assertThat(hash.value()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(owasp.verify(password, hash)).isTrue();
    assertThat(owasp.needsRehash(hash)).isFalse();
  }

  @Test
  void longPasswordsDifferingOnlyInTheLastCharacter_areDistinguished() {
    String prefix = "x".repeat(Password.MAX_LENGTH - 1);
    Password first = new Password(prefix + "a");
    Password second = new Password(prefix + "b");

    PasswordHash hash = hasher.hash(first);

    assertThat(hasher.verify(first, hash)).isTrue();
    assertThat(hasher.verify(second, hash)).isFalse();
  }

  @Test
  void longPasswordsOfFourByteCharacters_areNotTruncatedEither() {
    String prefix = "\uD83D\uDD11".repeat(Password.MAX_LENGTH - 1);
    Password first = new Password(prefix + "\uD83D\uDE00");
    Password second = new Password(prefix + "\uD83D\uDE01");

    PasswordHash hash = hasher.hash(first);

    assertThat(hasher.verify(first, hash)).isTrue();
    assertThat(hasher.verify(second, hash)).isFalse();
  }

  @Test
  void nonAsciiPassword_roundTrips() {
    Password password = new Password("пароль Grüße 密码 \uD83D\uDD11");

    PasswordHash hash = hasher.hash(password);

    assertThat(hasher.verify(password, hash)).isTrue();
    assertThat(hasher.verify(new Password("пароль Grüsse 密码 \uD83D\uDD11"), hash)).isFalse();
  }

  @Test
  void password_isHashedExactlyAsGiven_withoutUnicodeNormalization() {
    Password composed = new Password("caf\u00e9-caf\u00e9-caf\u00e9");
    Password decomposed = new Password("cafe\u0301-cafe\u0301-cafe\u0301");

    assertThat(hasher.verify(decomposed, hasher.hash(composed))).isFalse();
  }

  @Test
  void hashFromTheReferenceImplementation_verifies() {
    // Made by libargon2 (the reference C implementation): argon2id_hash_encoded(t=2, m=1024,
    // p=1, salt "independent-salt", hash length 32).
    PasswordHash reference = new PasswordHash("$argon2id$v=19$m=1024,t=2,p=1"
        + "$aW5kZXBlbmRlbnQtc2FsdA$Tt4g5ccyMDRqAqxD/nKBOsF72/F+I+P2tPxyPXTeZls");
    Argon2PasswordHasher sameParameters = new Argon2PasswordHasher(new Argon2Settings(1024, 2, 1));

    assertThat(sameParameters.verify(
        new Password("correct horse battery staple — Grüße"), reference)).isTrue();
    assertThat(sameParameters.verify(
        new Password("correct horse battery staple - Grusse"), reference)).isFalse();
    assertThat(sameParameters.needsRehash(reference)).isFalse();
  }

  @Test
  void hashWithOtherParameters_stillVerifies_butNeedsRehash() {
    Password password = new Password("correct horse battery staple");
    PasswordHash old = hasher.hash(password);

    Argon2PasswordHasher moreMemory = new Argon2PasswordHasher(new Argon2Settings(2048, 1, 1));
    Argon2PasswordHasher moreIterations = new Argon2PasswordHasher(new Argon2Settings(1024, 2, 1));
    Argon2PasswordHasher moreLanes = new Argon2PasswordHasher(new Argon2Settings(1024, 1, 2));

    assertThat(hasher.needsRehash(old)).isFalse();
    assertThat(moreMemory.needsRehash(old)).isTrue();
    assertThat(moreIterations.needsRehash(old)).isTrue();
    assertThat(moreLanes.needsRehash(old)).isTrue();
    assertThat(moreMemory.verify(password, old)).isTrue();
  }

  @Test
  void hashOfAnotherLength_needsRehash() {
    // Same parameters as CHEAP, but a 16-byte hash.
    PasswordHash shorter = new PasswordHash(
        "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAA");

    assertThat(hasher.needsRehash(shorter)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "$",
      "$argon2id$",
      "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA",
      "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
      "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2d$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=16$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA==$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$R",
      "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub-b_dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=19$m=1024,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=19$m=1024,t=1,p=0$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=19$m=4,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=19$t=1,m=1024,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs",
      "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs$x",
  })
  void malformedOrForeignHash_verifiesFalse_andNeedsRehash(String text) {
    PasswordHash hash = new PasswordHash(text);
    Password password = new Password("correct horse battery staple");

    assertThat(hasher.verify(password, hash)).isFalse();
    assertThat(hasher.needsRehash(hash)).isTrue();
  }

  @Test
  void verifyNothing_returnsNormally() {
    hasher.verifyNothing(new Password("anything at all"));
  }

  @Test
  void verifyNothing_verifiesAgainstAWellFormedHashAtTheCurrentParameters() {
    // A hash verify() would reject unparsed, or one at other parameters, would cost a different
    // amount of work than checking a real account's password and so reveal unknown emails.
    PasswordHash dummy = hasher.dummyHash();

    assertThat(dummy.value()).startsWith("$argon2id$v=19$m=" + CHEAP.memoryKib() + ",t="
        + CHEAP.iterations() + ",p=" + CHEAP.parallelism() + "$");
    assertThat(hasher.needsRehash(dummy)).isFalse();
    assertThat(hasher.verify(new Password("anything at all"), dummy)).isFalse();
  }

  @Test
  void manyThreadsHashingAtOnce_allSucceed_throughASingleHashingThread() throws Exception {
    Argon2PasswordHasher oneThread = new Argon2PasswordHasher(CHEAP, 1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> jobs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Password password = new Password("password number " + i);
        jobs.add(() -> oneThread.verify(password, oneThread.hash(password)));
      }
      for (Future<Boolean> result : pool.invokeAll(jobs)) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("issue 17 #1: a hash beyond the bounded queue is refused at once as busy")
  void hashBeyondTheQueue_isRefusedAtOnce_asBusy() throws Exception {
    CountDownLatch threadStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ThreadFactory heldThreads = task -> {
      Thread thread = new Thread(() -> {
        threadStarted.countDown();
        awaitUninterruptibly(release);
        task.run();
      });
      thread.setDaemon(true);
      return thread;
    };
    Argon2PasswordHasher oneRunningOneWaiting = new Argon2PasswordHasher(CHEAP, 1, 1, heldThreads);
    Password password = new Password("correct horse battery staple");
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      Future<PasswordHash> first = callers.submit(() -> oneRunningOneWaiting.hash(password));
      Future<PasswordHash> second = callers.submit(() -> oneRunningOneWaiting.hash(password));
      assertThat(threadStarted.await(60, TimeUnit.SECONDS)).isTrue();
      while (oneRunningOneWaiting.waitingHashes() < 1) {
        Thread.onSpinWait();
      }

      assertThatThrownBy(() -> oneRunningOneWaiting.verifyNothing(password))
          .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.busy()).isTrue());

      release.countDown();
      // Both finish before anything else is asked: until the second leaves the queue, a third
      // hash would rightly be refused too.
      PasswordHash firstHash = first.get(60, TimeUnit.SECONDS);
      PasswordHash secondHash = second.get(60, TimeUnit.SECONDS);
      assertThat(oneRunningOneWaiting.verify(password, firstHash)).isTrue();
      assertThat(oneRunningOneWaiting.verify(password, secondHash)).isTrue();
    } finally {
      release.countDown();
      callers.shutdownNow();
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void settingsOutsideArgon2sLimits_areRefused() {
    assertThatThrownBy(() -> new Argon2Settings(4, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
    assertThatThrownBy(() -> new Argon2Settings(1024, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");
    assertThatThrownBy(() -> new Argon2Settings(1024, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
    assertThatThrownBy(() -> new Argon2PasswordHasher(CHEAP, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2PasswordHasher(CHEAP, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
