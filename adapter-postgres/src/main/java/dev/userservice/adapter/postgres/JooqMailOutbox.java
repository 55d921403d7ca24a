package dev.userservice.adapter.postgres;

import static dev.userservice.adapter.postgres.jooq.Tables.MAIL_OUTBOX;

import dev.userservice.adapter.postgres.jooq.tables.records.MailOutboxRecord;
import dev.userservice.domain.Email;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.QueuedMail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * {@link MailOutbox} on PostgreSQL. A claim is one {@code UPDATE ... WHERE id IN (SELECT ...
 * FOR UPDATE SKIP LOCKED) RETURNING ...}: rows another claimer holds are skipped, not waited
 * for, and the lease ({@code locked_until}) hides claimed rows after the transaction ends.
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

  private final DSLContext dsl;
  // Every registration and code request enqueues a letter: its SQL is rendered once, like the
  // user repository's insert, and the values are bound in the order of the columns set here.
  private final String enqueueSql;

  @Inject
  public JooqMailOutbox(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.enqueueSql = dsl.insertInto(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.RECIPIENT, (String) null)
        .set(MAIL_OUTBOX.SUBJECT, (String) null)
        .set(MAIL_OUTBOX.TEXT_BODY, (String) null)
        .set(MAIL_OUTBOX.HTML_BODY, (String) null)
        .set(MAIL_OUTBOX.STATUS, (String) null)
        .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, (Instant) null)
        .set(MAIL_OUTBOX.CREATED_AT, (Instant) null)
        .returning(MAIL_OUTBOX.ID)
        .getSQL();
  }

  @Override
  public long enqueue(Mail mail, Instant now) {
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(now, "now");
    List<Object> values = Arrays.asList(mail.to().value(), mail.subject(), mail.text(),
        mail.html(), PENDING, now, now);
    return DatabaseErrors.guard(() -> dsl.connectionResult(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(enqueueSql)) {
        Statements.bind(statement, values);
        try (ResultSet id = statement.executeQuery()) {
          id.next();
          return id.getLong(1);
        }
      }
    }));
  }

  @Override
  public List<QueuedMail> claim(int max, Instant now, Duration lease) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive: " + lease);
    }
    return DatabaseErrors.guard(() -> dsl.update(MAIL_OUTBOX)
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
        .fetch()
        .stream()
        .sorted(DUE_ORDER)
        .map(JooqMailOutbox::toQueuedMail)
        .toList());
  }

  @Override
  public void markSent(long id, Instant now) {
    DatabaseErrors.guardRun(() -> dsl.update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.STATUS, SENT)
        .set(MAIL_OUTBOX.SENT_AT, now)
        .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
        .setNull(MAIL_OUTBOX.LOCKED_UNTIL)
        .setNull(MAIL_OUTBOX.LAST_ERROR)
        .where(MAIL_OUTBOX.ID.eq(id))
        .execute());
  }

  @Override
  public void markFailed(long id, String error, Instant retryAt) {
    DatabaseErrors.guardRun(() -> dsl.update(MAIL_OUTBOX)
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
    DatabaseErrors.guardRun(() -> dsl.update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.STATUS, ABANDONED)
        .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
        .set(MAIL_OUTBOX.LAST_ERROR, truncate(error))
        .setNull(MAIL_OUTBOX.LOCKED_UNTIL)
        .where(MAIL_OUTBOX.ID.eq(id))
        .and(MAIL_OUTBOX.STATUS.eq(PENDING))
        .execute());
  }

  @Override
  public long pending() {
    return DatabaseErrors.guard(() ->
        (long) dsl.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.STATUS.eq(PENDING)));
  }

  private static String truncate(String error) {
    if (error == null) {
      return null;
    }
    return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
  }

  private static QueuedMail toQueuedMail(MailOutboxRecord r) {
    Mail mail = new Mail(new Email(r.getRecipient()), r.getSubject(), r.getTextBody(),
        r.getHtmlBody());
    return new QueuedMail(r.getId(), mail, r.getAttempts());
  }
}
