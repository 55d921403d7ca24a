package dev.userservice.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.domain.Email;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.QueuedMail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 3: letters carry codes, and the database must not give them away. Every
 * column of every row is read back as text, the way anyone with a dump or a read-only login sees
 * it.
 */
class SealedMailOutboxTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final String CODE = "493817";

  private final JooqMailOutbox outbox =
      new JooqMailOutbox(TestDatabase.get().dsl(), TestDatabase.outboxBox());

  @BeforeEach
  void emptyOutbox() {
    TestDatabase.clean();
  }

  @Test
  @DisplayName("finding 3: nothing readable from PostgreSQL contains the code, pending or sent")
  void noColumnOfTheTable_containsTheCode_whilePending_norAfter() {
    Mail letter = letter("ada@example.test", T0.plusSeconds(600));

    long id = outbox.enqueue(letter, T0);

    assertThat(table()).isNotEmpty().allSatisfy(row -> assertThat(row).doesNotContain(CODE)
        .contains("ada@example.test"));
    List<QueuedMail> claimed = outbox.claim(10, T0, LEASE);
    assertThat(claimed).containsExactly(new QueuedMail(id, letter, 0));
    outbox.markSent(id, T0.plusSeconds(1));
    assertThat(table()).singleElement().asString().doesNotContain(CODE);
    assertThat(bodyColumns(id)).isEqualTo("null|null|null");
  }

  @Test
  @DisplayName("finding 3: an abandoned letter forgets its body at once")
  void abandonedLetter_forgetsItsBody() {
    long id = outbox.enqueue(letter("bob@example.test", null), T0);
    outbox.claim(10, T0, LEASE);

    outbox.markAbandoned(id, "550 no such user", T0.plusSeconds(1));

    assertThat(bodyColumns(id)).isEqualTo("null|null|null");
    assertThat(TestDatabase.get().dsl().fetchValue(
        "SELECT last_error FROM mail_outbox WHERE id = ?", id)).isEqualTo("550 no such user");
  }

  @Test
  @DisplayName("finding 3: sent and abandoned rows are deleted after the retention, pending ones never")
  void prune_deletesFinishedRowsOnly_onceOldEnough() {
    long sent = outbox.enqueue(letter("a@example.test", null), T0);
    long abandoned = outbox.enqueue(letter("b@example.test", null), T0);
    long pending = outbox.enqueue(letter("c@example.test", null), T0);
    outbox.claim(10, T0, LEASE);
    outbox.markSent(sent, T0.plusSeconds(1));
    outbox.markAbandoned(abandoned, "gone", T0.plusSeconds(2));

    assertThat(outbox.prune(T0.plusSeconds(2))).isEqualTo(1);
    assertThat(outbox.prune(T0.plus(Duration.ofDays(400)))).isEqualTo(1);

    assertThat(ids()).containsExactly(pending);
  }

  @Test
  void aLetterSealedUnderAnotherKey_isAbandonedWhenClaimed_notHandedOut() {
    JooqMailOutbox otherKey = new JooqMailOutbox(TestDatabase.get().dsl(),
        ServerSecret.of(new byte[32]).box("mail-outbox"));
    long foreign = otherKey.enqueue(letter("a@example.test", null), T0);
    long own = outbox.enqueue(letter("b@example.test", null), T0);

    assertThat(outbox.claim(10, T0, LEASE)).extracting(QueuedMail::id).containsExactly(own);

    assertThat(TestDatabase.get().dsl().fetchValue(
        "SELECT status || ':' || last_error FROM mail_outbox WHERE id = ?", foreign))
        .isEqualTo("abandoned:" + JooqMailOutbox.UNREADABLE);
  }

  @Test
  void aLetterQueuedInClearBeforeTheMigration_isStillSent_thenForgotten() {
    long legacy = TestDatabase.get().dsl().fetchSingle(
        "INSERT INTO mail_outbox (recipient, subject, text_body, html_body, next_attempt_at,"
            + " created_at) VALUES ('old@example.test', 'old', 'text', '<p>html</p>', ?, ?)"
            + " RETURNING id", T0, T0).get(0, Long.class);

    assertThat(outbox.claim(10, T0, LEASE)).containsExactly(new QueuedMail(legacy,
        new Mail(new Email("old@example.test"), "old", "text", "<p>html</p>"), 0));
    outbox.markSent(legacy, T0.plusSeconds(1));

    assertThat(bodyColumns(legacy)).isEqualTo("null|null|null");
  }

  private static Mail letter(String to, Instant expiresAt) {
    return new Mail(new Email(to), "Your verification code",
        "Your code is:\n\n    " + CODE + "\n", "<p>Your code is <b>" + CODE + "</b></p>", expiresAt);
  }

  /** Every row as PostgreSQL prints it: all columns, bytea as hex and as escaped text. */
  private static List<String> table() {
    return TestDatabase.get().dsl().fetch(
        "SELECT t::text || ' ' || coalesce(encode(t.sealed_body, 'escape'), '') FROM mail_outbox t")
        .getValues(0, String.class);
  }

  private static String bodyColumns(long id) {
    return TestDatabase.get().dsl().fetchValue("SELECT coalesce(encode(sealed_body, 'hex'), 'null')"
        + " || '|' || coalesce(text_body, 'null') || '|' || coalesce(html_body, 'null')"
        + " FROM mail_outbox WHERE id = ?", id).toString();
  }

  private static List<Long> ids() {
    return TestDatabase.get().dsl().fetch("SELECT id FROM mail_outbox ORDER BY id")
        .getValues(0, Long.class);
  }
}
