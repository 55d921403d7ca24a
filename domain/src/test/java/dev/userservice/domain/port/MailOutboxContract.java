package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Email;
import dev.userservice.domain.port.Race.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MailOutbox} must do. An adapter's test extends this class and supplies
 * {@link #newOutbox()}. Time starts at the real current time and only moves forward.
 */
public abstract class MailOutboxContract {

  private static final Duration LEASE = Duration.ofMinutes(1);

  private MailOutbox outbox;
  private Instant t0;

  /** An outbox holding no mail, called before every test; a database-backed one is emptied here. */
  protected abstract MailOutbox newOutbox();

  @BeforeEach
  void freshOutbox() {
    outbox = newOutbox();
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void enqueuedMail_isPending_andClaimedWithNoAttempts() {
    Mail mail = mail("welcome");
    assertThat(outbox.pending()).isZero();

    long id = outbox.enqueue(mail, t0);

    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.claim(10, t0, LEASE)).containsExactly(new QueuedMail(id, mail, 0));
    assertThat(outbox.pending()).as("a claimed mail is still waiting").isEqualTo(1);
  }

  @Test
  void enqueue_returnsDistinctIds() {
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      ids.add(outbox.enqueue(mail("m" + i), t0));
    }

    assertThat(ids).hasSize(10);
    assertThat(outbox.pending()).isEqualTo(10);
  }

  @Test
  void claimedMail_isHiddenForTheLease_thenDueAgain() {
    long id = outbox.enqueue(mail("welcome"), t0);
    outbox.claim(10, t0, LEASE);

    assertThat(outbox.claim(10, t0, LEASE)).isEmpty();
    assertThat(outbox.claim(10, t0.plus(LEASE).minusMillis(1), LEASE)).isEmpty();

    assertThat(outbox.claim(10, t0.plus(LEASE).plusMillis(1), LEASE))
        .extracting(QueuedMail::id).containsExactly(id);
  }

  @Test
  void sentMail_isNeitherPendingNorClaimedAgain() {
    long sent = outbox.enqueue(mail("sent"), t0);
    long other = outbox.enqueue(mail("other"), t0);
    outbox.claim(10, t0, LEASE);

    outbox.markSent(sent, t0.plusSeconds(1));

    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.claim(10, t0.plus(LEASE).plusSeconds(1), LEASE))
        .extracting(QueuedMail::id).containsExactly(other);
    assertThat(outbox.claim(10, t0.plus(LEASE.multipliedBy(10)), LEASE))
        .extracting(QueuedMail::id).containsExactly(other);
  }

  @Test
  void failedMail_waitsUntilRetryAt_andCountsTheAttempt() {
    Mail mail = mail("welcome");
    long id = outbox.enqueue(mail, t0);
    outbox.claim(10, t0, LEASE);
    Instant retryAt = t0.plusSeconds(30);

    outbox.markFailed(id, "421 try later", retryAt);

    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.claim(10, t0.plusSeconds(1), LEASE)).isEmpty();
    assertThat(outbox.claim(10, retryAt.minusMillis(1), LEASE)).isEmpty();
    assertThat(outbox.claim(10, retryAt, LEASE)).containsExactly(new QueuedMail(id, mail, 1));

    outbox.markFailed(id, "421 try later", retryAt.plusSeconds(60));
    assertThat(outbox.claim(10, retryAt.plusSeconds(61), LEASE))
        .containsExactly(new QueuedMail(id, mail, 2));
  }

  @Test
  void failedMail_dueAgainEarlierThanTheLease_isClaimableAtRetryAt() {
    long id = outbox.enqueue(mail("welcome"), t0);
    outbox.claim(10, t0, Duration.ofMinutes(10));

    outbox.markFailed(id, "connection refused", t0.plusSeconds(5));

    assertThat(outbox.claim(10, t0.plusSeconds(5), LEASE)).extracting(QueuedMail::id)
        .containsExactly(id);
  }

  @Test
  void oldestPending_isWhenTheOldestWaitingMailWasQueued_throughFailures_untilItIsFinished() {
    assertThat(outbox.oldestPending()).isEmpty();
    long first = outbox.enqueue(mail("first"), t0);
    long second = outbox.enqueue(mail("second"), t0.plusSeconds(5));
    outbox.claim(10, t0.plusSeconds(5), LEASE);
    outbox.markFailed(first, "timeout", t0.plusSeconds(60));

    assertThat(outbox.oldestPending()).contains(t0);

    outbox.markSent(first, t0.plusSeconds(61));
    assertThat(outbox.oldestPending()).contains(t0.plusSeconds(5));

    outbox.markAbandoned(second, "550 no such user", t0.plusSeconds(62));
    assertThat(outbox.oldestPending()).isEmpty();
  }

  @Test
  void abandonedMail_isNeitherPendingNorClaimedAgain() {
    long id = outbox.enqueue(mail("welcome"), t0);
    outbox.claim(10, t0, LEASE);

    outbox.markAbandoned(id, "550 no such user", t0.plusSeconds(1));

    assertThat(outbox.pending()).isZero();
    assertThat(outbox.claim(10, t0.plus(LEASE.multipliedBy(10)), LEASE)).isEmpty();
  }

  @Test
  void claim_takesAtMostMax_oldestDueFirst() {
    long first = outbox.enqueue(mail("first"), t0);
    long second = outbox.enqueue(mail("second"), t0.plusMillis(1));
    long third = outbox.enqueue(mail("third"), t0.plusMillis(2));
    Instant now = t0.plusSeconds(1);

    assertThat(outbox.claim(2, now, LEASE)).extracting(QueuedMail::id)
        .containsExactly(first, second);
    assertThat(outbox.claim(2, now, LEASE)).extracting(QueuedMail::id).containsExactly(third);
    assertThat(outbox.claim(2, now, LEASE)).isEmpty();
  }

  @Test
  void claim_ordersByWhenMailIsDue_notWhenItWasQueued() {
    long retried = outbox.enqueue(mail("retried"), t0);
    outbox.claim(1, t0, LEASE);
    long waiting = outbox.enqueue(mail("waiting"), t0.plusSeconds(1));
    outbox.markFailed(retried, "timeout", t0.plusSeconds(2));
    long later = outbox.enqueue(mail("later"), t0.plusSeconds(3));

    assertThat(outbox.claim(10, t0.plusSeconds(10), LEASE)).extracting(QueuedMail::id)
        .containsExactly(waiting, retried, later);
  }

  @Test
  void mailQueuedLater_isNotDueEarlier() {
    outbox.enqueue(mail("now"), t0);
    long future = outbox.enqueue(mail("later"), t0.plusSeconds(60));

    assertThat(outbox.claim(10, t0.plusSeconds(1), LEASE)).hasSize(1);
    assertThat(outbox.claim(10, t0.plusSeconds(60), LEASE)).extracting(QueuedMail::id)
        .containsExactly(future);
  }

  @Test
  void concurrentClaimers_neverReceiveTheSameMail() {
    int mails = 40;
    for (int i = 0; i < mails; i++) {
      outbox.enqueue(mail("m" + i), t0);
    }
    Instant now = t0.plusSeconds(1);

    List<Outcome<List<Long>>> outcomes = Race.run(4, racer -> {
      List<Long> mine = new ArrayList<>();
      List<QueuedMail> batch;
      do {
        batch = outbox.claim(3, now, LEASE);
        batch.forEach(m -> mine.add(m.id()));
      } while (!batch.isEmpty());
      return mine;
    });

    assertThat(outcomes).allMatch(Outcome::succeeded);
    List<Long> all = outcomes.stream().flatMap(o -> o.value().stream()).toList();
    assertThat(all).doesNotHaveDuplicates().hasSize(mails);
  }

  @Test
  void mailWithAnExpiry_isClaimedExactlyAsQueued() {
    Mail mail = new Mail(TestUsers.uniqueEmail(), "code", "Your code is 123456.",
        "<p>Your code is <b>123456</b>.</p>", t0.plusSeconds(600));

    long id = outbox.enqueue(mail, t0);

    assertThat(outbox.claim(10, t0, LEASE)).containsExactly(new QueuedMail(id, mail, 0));
  }

  @Test
  void prune_removesSentAndAbandonedMailFinishedBeforeTheCutoff_neverPendingMail() {
    long sentEarly = outbox.enqueue(mail("sent early"), t0);
    long abandonedEarly = outbox.enqueue(mail("abandoned early"), t0);
    long sentLate = outbox.enqueue(mail("sent late"), t0);
    long pending = outbox.enqueue(mail("pending"), t0);
    outbox.claim(10, t0, LEASE);
    outbox.markSent(sentEarly, t0.plusSeconds(1));
    outbox.markAbandoned(abandonedEarly, "550 no such user", t0.plusSeconds(2));
    outbox.markSent(sentLate, t0.plusSeconds(10));
    outbox.markFailed(pending, "timeout", t0.plusSeconds(3));

    // An outbox may forget sent mail sooner (the in-memory one does, at once), so the counts
    // say at most what was there; what must stay is checked exactly.
    assertThat(outbox.prune(t0.plusSeconds(5))).isBetween(1, 2);

    assertThat(outbox.prune(t0.plusSeconds(5))).isZero();
    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.claim(10, t0.plusSeconds(3), LEASE)).extracting(QueuedMail::id)
        .containsExactly(pending);
    assertThat(outbox.prune(t0.plus(Duration.ofDays(365)))).as("the late one").isBetween(0, 1);
    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.prune(t0.plus(Duration.ofDays(365)))).isZero();
  }

  @Test
  void discardLettersTo_removesEveryLetterToThatAddress_waitingOrFinished_only() {
    Email leaving = TestUsers.uniqueEmail();
    long waiting = outbox.enqueue(new Mail(leaving, "waiting", "a", "<p>a</p>"), t0);
    long abandonedOne = outbox.enqueue(new Mail(leaving, "abandoned", "b", "<p>b</p>"), t0);
    long other = outbox.enqueue(mail("someone else's"), t0);
    outbox.claim(10, t0, LEASE);
    outbox.markAbandoned(abandonedOne, "550 no such user", t0.plusSeconds(1));
    outbox.markFailed(waiting, "timeout", t0.plusSeconds(1));
    outbox.markFailed(other, "timeout", t0.plusSeconds(1));

    assertThat(outbox.discardLettersTo(leaving)).isEqualTo(2);

    assertThat(outbox.discardLettersTo(leaving)).isZero();
    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.claim(10, t0.plusSeconds(2), LEASE)).extracting(QueuedMail::id)
        .containsExactly(other);
    assertThat(outbox.prune(t0.plus(Duration.ofDays(365)))).isZero();
  }

  private static Mail mail(String subject) {
    return new Mail(TestUsers.uniqueEmail(), subject, "Your code is 123456.",
        "<p>Your code is <b>123456</b>.</p>");
  }
}
