package dev.userservice.fakemail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The letters the fake server received, kept per recipient address (case-insensitive), newest
 * first. The store is bounded in total: past {@link #capacity()} letters the oldest ones, whoever
 * they were for, are dropped. Thread-safe.
 */
public final class Mailbox {

  /** How many letters are kept when no capacity is given. */
  public static final int DEFAULT_CAPACITY = 1000;

  private final int capacity;
  private final Map<String, Deque<ReceivedMail>> byAddress = new HashMap<>();
  // Every stored letter in arrival order, so the globally oldest one is found in O(1).
  private final Deque<String> arrivals = new ArrayDeque<>();

  public Mailbox() {
    this(DEFAULT_CAPACITY);
  }

  public Mailbox(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** The greatest number of letters kept at once. */
  public int capacity() {
    return capacity;
  }

  /** Stores {@code mail} for {@code address}, dropping the oldest letters past the capacity. */
  public synchronized void add(String address, ReceivedMail mail) {
    String key = normalize(address);
    byAddress.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(mail);
    arrivals.addLast(key);
    while (arrivals.size() > capacity) {
      String oldest = arrivals.removeFirst();
      Deque<ReceivedMail> letters = byAddress.get(oldest);
      letters.removeLast();
      if (letters.isEmpty()) {
        byAddress.remove(oldest);
      }
    }
    notifyAll();
  }

  /** The letters for {@code address}, newest first; empty when there are none. */
  public synchronized List<ReceivedMail> messages(String address) {
    Deque<ReceivedMail> letters = byAddress.get(normalize(address));
    return letters == null ? List.of() : List.copyOf(letters);
  }

  /** The newest letter for {@code address}, if any. */
  public synchronized Optional<ReceivedMail> latest(String address) {
    Deque<ReceivedMail> letters = byAddress.get(normalize(address));
    return letters == null ? Optional.empty() : Optional.of(letters.getFirst());
  }

  /**
   * Waits until {@code address} has at least {@code count} letters or {@code timeout} passes, and
   * returns its letters, newest first (fewer than {@code count} when the time ran out). For tests
   * and tools that trigger a mail sent in the background.
   */
  public synchronized List<ReceivedMail> await(String address, int count, Duration timeout)
      throws InterruptedException {
    String key = normalize(address);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sizeOf(key) < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      Duration wait = Duration.ofNanos(left);
      wait(Math.max(1, wait.toMillis()));
    }
    return messages(key);
  }

  /** Every address that has letters, the one with the newest letter first. */
  public synchronized List<AddressSummary> addresses() {
    List<AddressSummary> summaries = new ArrayList<>(byAddress.size());
    byAddress.forEach((address, letters) -> summaries.add(
        new AddressSummary(address, letters.size(), letters.getFirst().receivedAt())));
    summaries.sort(Comparator.comparing(AddressSummary::latestReceivedAt).reversed()
        .thenComparing(AddressSummary::address));
    return summaries;
  }

  /** How many letters are stored in total. */
  public synchronized int size() {
    return arrivals.size();
  }

  /** Forgets every letter. */
  public synchronized void clear() {
    byAddress.clear();
    arrivals.clear();
  }

  private int sizeOf(String key) {
    Deque<ReceivedMail> letters = byAddress.get(key);
    return letters == null ? 0 : letters.size();
  }

  static String normalize(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }

  /** One address of the mailbox: how many letters it holds and when the newest arrived. */
  public record AddressSummary(String address, int count, Instant latestReceivedAt) {}
}
