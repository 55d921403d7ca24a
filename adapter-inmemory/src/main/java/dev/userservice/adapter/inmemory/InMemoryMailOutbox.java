package dev.userservice.adapter.inmemory;

import dev.userservice.domain.Email;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.QueuedMail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mail queue in memory: durable only as long as the process, which is enough for tests and
 * single-process embedding. Sent mail is forgotten; abandoned mail is kept with its last error
 * and without its body until {@link #prune}d.
 */
@Singleton
public final class InMemoryMailOutbox implements MailOutbox {

  /** A mail whose delivery was given up, with the error of its last try; its body is blank. */
  public record AbandonedMail(long id, Mail mail, int attempts, String error, Instant at) {}

  private static final Comparator<Entry> OLDEST_DUE_FIRST =
      Comparator.comparing(Entry::dueAt).thenComparingLong(Entry::id);

  // In the order mails were queued: a mail put again (leased, failed) keeps its place.
  private final Map<Long, Entry> waiting = new LinkedHashMap<>();
  private final Map<Long, Instant> queuedAt = new HashMap<>();
  private final List<AbandonedMail> abandoned = new ArrayList<>();
  private long lastId;

  @Inject
  public InMemoryMailOutbox() {}

  @Override
  public synchronized long enqueue(Mail mail, Instant now) {
    long id = ++lastId;
    waiting.put(id, new Entry(id, mail, 0, now, null, null));
    queuedAt.put(id, now);
    return id;
  }

  @Override
  public synchronized List<QueuedMail> claim(int max, Instant now, Duration lease) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    List<Entry> due = waiting.values().stream()
        .filter(entry -> !entry.dueAt().isAfter(now))
        .filter(entry -> entry.leasedUntil() == null || !entry.leasedUntil().isAfter(now))
        .sorted(OLDEST_DUE_FIRST)
        .limit(max)
        .toList();
    List<QueuedMail> claimed = new ArrayList<>();
    for (Entry entry : due) {
      waiting.put(entry.id(), entry.leasedUntil(now.plus(lease)));
      claimed.add(new QueuedMail(entry.id(), entry.mail(), entry.attempts()));
    }
    return claimed;
  }

  @Override
  public synchronized void markSent(long id, Instant now) {
    waiting.remove(id);
    queuedAt.remove(id);
  }

  @Override
  public synchronized void markFailed(long id, String error, Instant retryAt) {
    waiting.computeIfPresent(id, (key, entry) -> entry.failed(error, retryAt));
  }

  @Override
  public synchronized void markAbandoned(long id, String error, Instant now) {
    Entry entry = waiting.remove(id);
    queuedAt.remove(id);
    if (entry != null) {
      Mail mail = entry.mail();
      abandoned.add(new AbandonedMail(id,
          new Mail(mail.to(), mail.subject(), "", "", mail.expiresAt()), entry.attempts(), error,
          now));
    }
  }

  @Override
  public synchronized int prune(Instant finishedBefore) {
    int before = abandoned.size();
    abandoned.removeIf(mail -> mail.at().isBefore(finishedBefore));
    // Sent mail is forgotten when it is sent.
    return before - abandoned.size();
  }

  @Override
  public synchronized long pending() {
    return waiting.size();
  }

  @Override
  public synchronized Optional<Instant> oldestPending() {
    return waiting.keySet().stream().findFirst().map(queuedAt::get);
  }

  @Override
  public synchronized int discardLettersTo(Email recipient) {
    int before = waiting.size() + abandoned.size();
    waiting.values().removeIf(entry -> entry.mail().to().equals(recipient));
    queuedAt.keySet().retainAll(waiting.keySet());
    abandoned.removeIf(mail -> mail.mail().to().equals(recipient));
    return before - waiting.size() - abandoned.size();
  }

  /** The mails given up so far, in the order they were abandoned. */
  public synchronized List<AbandonedMail> abandoned() {
    return List.copyOf(abandoned);
  }

  private record Entry(long id, Mail mail, int attempts, Instant dueAt, Instant leasedUntil,
      String lastError) {

    Entry leasedUntil(Instant until) {
      return new Entry(id, mail, attempts, dueAt, until, lastError);
    }

    Entry failed(String error, Instant retryAt) {
      return new Entry(id, mail, attempts + 1, retryAt, null, error);
    }
  }
}
