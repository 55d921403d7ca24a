package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.DatabaseErrors.translatingOutages;
import static dev.userservice.adapter.postgres.jooq.Tables.MAIL_OUTBOX;

import dev.userservice.adapter.postgres.jooq.tables.records.MailOutboxRecord;
import dev.userservice.domain.Email;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.QueuedMail;
import dev.userservice.domain.port.SecretBox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;

/**
 * {@link MailOutbox} on PostgreSQL. A claim is one {@code UPDATE ... WHERE id IN (SELECT ...
 * FOR UPDATE SKIP LOCKED) RETURNING ...}: rows another claimer holds are skipped, not waited
 * for, and the lease ({@code locked_until}) hides claimed rows after the transaction ends.
 *
 * <p>Bodies are stored only sealed by the {@link SecretBox} (column {@code sealed_body}), bound
 * to recipient and subject, and set to {@code NULL} when the letter is sent or abandoned (a
 * table constraint holds finished rows to that). A letter that can no longer be opened (the
 * secret key was replaced) is abandoned when claimed.
 */
@Singleton
public final class JooqMailOutbox implements MailOutbox {

  static final String PENDING = "pending";
  static final String SENT = "sent";
  static final String ABANDONED = "abandoned";
  private static final int MAX_ERROR_LENGTH = 2_000;
  /** RETURNING keeps no order; hand mail out in the order it became due, as the claim took it. */
  private static final Comparator<MailOutboxRecord> DUE_ORDER =
      Comparator.comparing(MailOutboxRecord::getNextAttemptAt)
          .thenComparing(MailOutboxRecord::getId);

  /** What a claimed letter that cannot be opened is abandoned with. */
  static final String UNREADABLE = "the letter cannot be decrypted: was SECRET_KEY_FILE replaced?";

  private final DSLContext dsl;
  private final SecretBox box;
  // The insert runs over JDBC: see RenderedStatements.
  private final RenderedStatements.Letters letters;

  @Inject
  public JooqMailOutbox(DSLContext dsl, SecretBox box) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.box = Objects.requireNonNull(box, "box");
    this.letters = new RenderedStatements.Letters(dsl);
  }

  @Override
  public long enqueue(Mail mail, Instant now) {
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(now, "now");
    MailOutboxRecord letter = dsl.newRecord(MAIL_OUTBOX);
    letter.setRecipient(mail.to().value());
    letter.setSubject(mail.subject());
    letter.setSealedBody(box.seal(bodies(mail), context(mail.to().value(), mail.subject())));
    letter.setExpiresAt(mail.expiresAt());
    letter.setStatus(PENDING);
    letter.setNextAttemptAt(now);
    letter.setCreatedAt(now);
    return translatingOutages(
        () -> dsl.connectionResult(connection -> letters.insert(connection, letter)));
  }

  @Override
  public List<QueuedMail> claim(int max, Instant now, Duration lease) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive: " + lease);
    }
    List<MailOutboxRecord> claimed = translatingOutages(() -> dsl.update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.LOCKED_UNTIL, now.plus(lease))
        .where(MAIL_OUTBOX.ID.in(dsl.select(MAIL_OUTBOX.ID).from(MAIL_OUTBOX)
            .where(MAIL_OUTBOX.STATUS.eq(PENDING))
            .and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
            .and(MAIL_OUTBOX.LOCKED_UNTIL.isNull().or(MAIL_OUTBOX.LOCKED_UNTIL.le(now)))
            .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.ID)
            .limit(max)
            .forUpdate()
            .skipLocked()))
        .returning()
        .fetch());
    List<QueuedMail> letters = new ArrayList<>(claimed.size());
    for (MailOutboxRecord r : claimed.stream().sorted(DUE_ORDER).toList()) {
      try {
        letters.add(toQueuedMail(r));
      } catch (IllegalArgumentException unreadable) {
        markAbandoned(r.getId(), UNREADABLE, now);
      }
    }
    return letters;
  }

  @Override
  public void markSent(long id, Instant now) {
    translatingOutages(() -> finished(SENT, now)
        .set(MAIL_OUTBOX.SENT_AT, now)
        .setNull(MAIL_OUTBOX.LAST_ERROR)
        .where(MAIL_OUTBOX.ID.eq(id))
        .execute());
  }

  @Override
  public void markFailed(long id, String error, Instant retryAt) {
    translatingOutages(() -> dsl.update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
        .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, retryAt)
        .set(MAIL_OUTBOX.LAST_ERROR, truncate(error))
        .setNull(MAIL_OUTBOX.LOCKED_UNTIL)
        .where(MAIL_OUTBOX.ID.eq(id))
        .and(MAIL_OUTBOX.STATUS.eq(PENDING))
        .execute());
  }

  @Override
  public void markAbandoned(long id, String error, Instant now) {
    translatingOutages(() -> finished(ABANDONED, now)
        .set(MAIL_OUTBOX.LAST_ERROR, truncate(error))
        .where(MAIL_OUTBOX.ID.eq(id))
        .and(MAIL_OUTBOX.STATUS.eq(PENDING))
        .execute());
  }

  /**
   * The update that ends a letter's life as {@code status}: the attempt counted, the lease
   * released and the bodies blanked (a finished row holds none, V3's check).
   */
  private UpdateSetMoreStep<MailOutboxRecord> finished(String status, Instant now) {
    return dsl.update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.STATUS, status)
        .set(MAIL_OUTBOX.FINISHED_AT, now)
        .setNull(MAIL_OUTBOX.SEALED_BODY)
        .setNull(MAIL_OUTBOX.TEXT_BODY)
        .setNull(MAIL_OUTBOX.HTML_BODY)
        .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
        .setNull(MAIL_OUTBOX.LOCKED_UNTIL);
  }

  @Override
  public long pending() {
    return translatingOutages(() ->
        (long) dsl.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.STATUS.eq(PENDING)));
  }

  @Override
  public Optional<Instant> oldestPending() {
    // An aggregate: always one row, NULL when nothing is pending.
    return translatingOutages(() -> Optional.ofNullable(dsl
        .select(DSL.min(MAIL_OUTBOX.CREATED_AT))
        .from(MAIL_OUTBOX)
        .where(MAIL_OUTBOX.STATUS.eq(PENDING))
        .fetchSingle()
        .value1()));
  }

  @Override
  public int prune(Instant finishedBefore) {
    return translatingOutages(() -> dsl.deleteFrom(MAIL_OUTBOX)
        .where(MAIL_OUTBOX.STATUS.ne(PENDING))
        .and(MAIL_OUTBOX.FINISHED_AT.lt(finishedBefore))
        .execute());
  }

  @Override
  public int discardLettersTo(Email recipient) {
    return translatingOutages(() -> dsl.deleteFrom(MAIL_OUTBOX)
        .where(MAIL_OUTBOX.RECIPIENT.eq(recipient.value()))
        .execute());
  }

  private static String truncate(String error) {
    if (error == null) {
      return null;
    }
    return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
  }

  private QueuedMail toQueuedMail(MailOutboxRecord r) {
    String text;
    String html;
    if (r.getSealedBody() != null) {
      byte[] opened = box.open(r.getSealedBody(), context(r.getRecipient(), r.getSubject()));
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(opened))) {
        text = readString(in);
        html = readString(in);
      } catch (IOException e) {
        throw new IllegalArgumentException("a sealed body of an unknown form", e);
      }
    } else {
      // Queued before bodies were sealed (migration V3): sent as it is, then forgotten.
      text = r.getTextBody();
      html = r.getHtmlBody();
    }
    Mail mail = new Mail(new Email(r.getRecipient()), r.getSubject(), text, html,
        r.getExpiresAt());
    return new QueuedMail(r.getId(), mail, r.getAttempts());
  }

  /** Text and HTML body, each as its length in bytes and its UTF-8 bytes. */
  private static byte[] bodies(Mail mail) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(
        mail.text().length() + mail.html().length() + 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, mail.text());
      writeString(out, mail.html());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    }
    return bytes.toByteArray();
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a body length beyond the sealed value");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** What a sealed body is bound to: it opens only on the row of the same letter. */
  private static byte[] context(String recipient, String subject) {
    return ("mail-outbox:" + recipient + "\n" + subject).getBytes(StandardCharsets.UTF_8);
  }
}
