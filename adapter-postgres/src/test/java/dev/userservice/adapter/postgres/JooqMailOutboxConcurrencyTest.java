package dev.userservice.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.userservice.domain.Email;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.QueuedMail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Claiming as two service instances do: two pools, two threads, one table. */
class JooqMailOutboxConcurrencyTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  @BeforeEach
  void emptyOutbox() {
    TestDatabase.clean();
  }

  @Test
  @DisplayName("two instances claiming from two threads at once share 200 mails without any mail going to both")
  void twoInstancesClaimingAtOnce_neverGetTheSameMail() throws Exception {
    JooqMailOutbox writer = new JooqMailOutbox(TestDatabase.get().dsl(), TestDatabase.outboxBox());
    for (int i = 0; i < 200; i++) {
      writer.enqueue(mail(i), T0);
    }
    PostgresSettings shared = TestDatabase.settings();
    try (PostgresDatabase one = new PostgresDatabase(shared);
        PostgresDatabase two = new PostgresDatabase(shared)) {
      List<JooqMailOutbox> instances = List.of(
          new JooqMailOutbox(one.dsl(), TestDatabase.outboxBox()),
          new JooqMailOutbox(two.dsl(), TestDatabase.outboxBox()));

      List<Concurrently.Outcome<List<Long>>> outcomes = Concurrently.run(2, i -> {
        List<Long> mine = new ArrayList<>();
        List<QueuedMail> batch;
        do {
          batch = instances.get(i).claim(7, T0.plusSeconds(1), LEASE);
          for (QueuedMail queued : batch) {
            mine.add(queued.id());
            instances.get(i).markSent(queued.id(), T0.plusSeconds(2));
          }
        } while (!batch.isEmpty());
        return mine;
      });

      assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
      List<Long> claimed = outcomes.stream().flatMap(o -> o.value().stream()).toList();
      assertThat(claimed).doesNotHaveDuplicates().hasSize(200);
      assertThat(writer.pending()).isZero();
    }
  }

  @Test
  @DisplayName("a mail whose worker died is claimed again once its lease has run out, with its attempts kept")
  void mailOfACrashedWorker_isClaimedAgainAfterTheLease() {
    JooqMailOutbox outbox = new JooqMailOutbox(TestDatabase.get().dsl(), TestDatabase.outboxBox());
    long id = outbox.enqueue(mail(1), T0);
    outbox.claim(1, T0, LEASE);
    outbox.markFailed(id, "421 busy", T0.plusSeconds(10));
    outbox.claim(1, T0.plusSeconds(10), LEASE);

    assertThat(outbox.claim(1, T0.plusSeconds(10).plus(LEASE).minusMillis(1), LEASE)).isEmpty();
    assertThat(outbox.claim(1, T0.plusSeconds(10).plus(LEASE), LEASE))
        .extracting(QueuedMail::id, QueuedMail::attempts).containsExactly(
            tuple(id, 1));
  }

  @Test
  @DisplayName("the claim query reads the partial index of pending mail")
  void claim_usesThePendingIndex() {
    String plan = TestDatabase.get().dsl().transactionResult(tx -> {
      tx.dsl().execute("SET LOCAL enable_seqscan = off");
      return String.join("\n", tx.dsl().fetch("EXPLAIN SELECT id FROM mail_outbox "
          + "WHERE status = 'pending' AND next_attempt_at <= now() "
          + "AND (locked_until IS NULL OR locked_until <= now()) "
          + "ORDER BY next_attempt_at, id LIMIT 10 FOR UPDATE SKIP LOCKED")
          .getValues(0, String.class));
    });

    assertThat(plan).contains("mail_outbox_due_idx");
  }

  private static Mail mail(int i) {
    return new Mail(new Email("to" + i + "@example.test"), "subject " + i, "text", "<p>html</p>");
  }
}
