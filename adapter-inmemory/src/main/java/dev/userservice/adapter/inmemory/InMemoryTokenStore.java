package dev.userservice.adapter.inmemory;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.GuessCap;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.Rotation;
import dev.userservice.domain.port.SessionInfo;
import dev.userservice.domain.port.SessionLimits;
import dev.userservice.domain.port.SessionOrigin;
import dev.userservice.domain.port.TokenStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions, one-time codes and throttles in memory. One lock guards all state, so every method is
 * atomic. Expiry follows the {@code now} each call passes; {@link #liveSessionCacheRevision}, which
 * gets no {@code now}, asks the {@link Clock}. Expired entries are dropped when touched and by a
 * sweep that runs after a number of calls proportional to the number of entries, so memory stays
 * bounded by what is live.
 */
@Singleton
public final class InMemoryTokenStore implements TokenStore {

  private static final int MIN_CALLS_BETWEEN_SWEEPS = 256;
  private static final Duration FIRST_LOGIN_DELAY = Duration.ofSeconds(1);

  private final Clock clock;
  private final Map<UserId, Map<SessionId, Session>> sessions = new HashMap<>();
  private final Map<CodeKey, Code> codes = new HashMap<>();
  private final Map<CodeKey, Guesses> guesses = new HashMap<>();
  private final Map<String, Bucket> buckets = new HashMap<>();
  private final Map<String, Failures> loginFailures = new HashMap<>();
  private final Map<UsedKey, Instant> used = new HashMap<>();
  private int callsUntilSweep = MIN_CALLS_BETWEEN_SWEEPS;

  @Inject
  public InMemoryTokenStore(Clock clock) {
    this.clock = clock;
  }

  // --- sessions -------------------------------------------------------------------------------

  @Override
  public synchronized void createSession(UserId user, SessionId session, String refreshHash,
      Instant now, SessionLimits limits, SessionOrigin origin) {
    afterCall(now);
    Map<SessionId, Session> ofUser = sessions.computeIfAbsent(user, key -> new HashMap<>());
    ofUser.values().removeIf(live -> !now.isBefore(live.expiresAt()));
    Duration lifetime = min(limits.ttl(), limits.maxLifetime());
    ofUser.put(session, new Session(0, refreshHash, List.of(), null, null, now,
        now.plus(lifetime), "session:" + session.value(), origin));
    while (ofUser.size() > limits.maxPerUser()) {
      SessionId first = ofUser.entrySet().stream()
          .filter(e -> !e.getKey().equals(session))
          .min(Comparator.comparing((Map.Entry<SessionId, Session> e) -> e.getValue().expiresAt()))
          .orElseThrow().getKey();
      ofUser.remove(first);
    }
  }

  @Override
  public synchronized Rotation rotate(UserId user, SessionId session, long generation,
      String presentedHash, String successorHash, byte[] sealedSuccessor, Instant now,
      Duration grace, SessionLimits limits, AuthMethods methods) {
    afterCall(now);
    Session current = liveSession(user, session, now);
    if (current == null) {
      return new Rotation.Invalid();
    }
    Instant end = current.createdAt().plus(limits.maxLifetime());
    if (!now.isBefore(end)) {
      revokeSession(user, session);
      return new Rotation.Invalid();
    }
    if (generation == current.generation()) {
      if (!same(presentedHash, current.currentHash())) {
        return new Rotation.Invalid();
      }
      if (current.origin().methods() != methods) {
        return new Rotation.MethodsDiffer(current.origin().methods());
      }
      List<String> retired = new ArrayList<>(RETIRED_TOKENS_REMEMBERED);
      retired.add(presentedHash);
      retired.addAll(current.retired().subList(0,
          Math.min(current.retired().size(), RETIRED_TOKENS_REMEMBERED - 1)));
      Instant expiresAt = now.plus(limits.ttl());
      sessions.get(user).put(session, new Session(generation + 1, successorHash,
          List.copyOf(retired), now, sealedSuccessor.clone(), current.createdAt(),
          expiresAt.isAfter(end) ? end : expiresAt, current.revision(), current.origin()));
      return new Rotation.Rotated(generation + 1);
    }
    if (generation == current.generation() - 1 && same(presentedHash, current.previousHash())
        && now.isBefore(current.rotatedAt().plus(grace))) {
      return new Rotation.Replayed(current.generation(), current.sealedSuccessor().clone());
    }
    if (generation >= 0 && generation < current.generation()
        && current.issued(presentedHash)) {
      revokeSession(user, session);
      return new Rotation.ReuseDetected();
    }
    return new Rotation.Invalid();
  }

  @Override
  public synchronized List<SessionInfo> listSessions(UserId user, Instant now) {
    Map<SessionId, Session> ofUser = sessions.get(user);
    if (ofUser == null) {
      return List.of();
    }
    return ofUser.entrySet().stream()
        .filter(e -> now.isBefore(e.getValue().expiresAt()))
        .sorted(Comparator.comparing((Map.Entry<SessionId, Session> e) -> e.getValue().expiresAt())
            .thenComparing(e -> e.getKey().value()))
        .map(e -> new SessionInfo(e.getKey(), e.getValue().createdAt(), e.getValue().rotatedAt(),
            e.getValue().expiresAt(), e.getValue().origin()))
        .toList();
  }

  @Override
  public synchronized Optional<String> liveSessionCacheRevision(UserId user, SessionId session) {
    return Optional.ofNullable(liveSession(user, session, clock.now())).map(Session::revision);
  }

  @Override
  public synchronized void renewCacheRevision(UserId user) {
    Map<SessionId, Session> ofUser = sessions.get(user);
    if (ofUser != null) {
      String revision = UUID.randomUUID().toString();
      ofUser.replaceAll((id, session) -> session.withRevision(revision));
    }
  }

  @Override
  public synchronized boolean revokeSession(UserId user, SessionId session) {
    Map<SessionId, Session> ofUser = sessions.get(user);
    if (ofUser == null) {
      return false;
    }
    Session ended = ofUser.remove(session);
    if (ofUser.isEmpty()) {
      sessions.remove(user);
    }
    return ended != null;
  }

  @Override
  public synchronized boolean revokeSessionWithToken(UserId user, SessionId session,
      String presentedHash) {
    Session found = liveSession(user, session, clock.now());
    if (found == null
        || !(same(presentedHash, found.currentHash()) || found.issued(presentedHash))) {
      return false;
    }
    revokeSession(user, session);
    return true;
  }

  @Override
  public synchronized void revokeAllSessions(UserId user) {
    sessions.remove(user);
  }

  @Override
  public synchronized void revokeOtherSessions(UserId user, SessionId keep) {
    Map<SessionId, Session> ofUser = sessions.get(user);
    if (ofUser != null) {
      ofUser.keySet().removeIf(session -> !session.equals(keep));
      if (ofUser.isEmpty()) {
        sessions.remove(user);
      }
    }
  }

  // --- one-time codes -------------------------------------------------------------------------

  @Override
  public synchronized void saveCode(UserId user, CodePurpose purpose, String codeHash,
      Instant expiresAt) {
    codes.put(new CodeKey(user, purpose), new Code(codeHash, 0, expiresAt));
  }

  @Override
  public synchronized CodeCheck checkCode(UserId user, CodePurpose purpose, String codeHash,
      int maxAttempts, GuessCap cap, Instant now) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be positive: " + maxAttempts);
    }
    afterCall(now);
    CodeKey key = new CodeKey(user, purpose);
    Guesses guessed = cap == null ? null : liveGuesses(key, now);
    if (guessed != null && guessed.isLockedAt(now)) {
      return CodeCheck.LOCKED;
    }
    Code code = codes.get(key);
    if (code == null) {
      return CodeCheck.EXPIRED;
    }
    if (!now.isBefore(code.expiresAt())) {
      codes.remove(key);
      return CodeCheck.EXPIRED;
    }
    if (code.misses() >= maxAttempts) {
      return CodeCheck.EXHAUSTED;
    }
    if (same(codeHash, code.hash())) {
      codes.remove(key);
      if (guessed != null) {
        guesses.put(key, guessed.withoutMisses());
      }
      return CodeCheck.ACCEPTED;
    }
    int misses = code.misses() + 1;
    codes.put(key, new Code(code.hash(), misses, code.expiresAt()));
    if (cap != null) {
      Guesses counted = (guessed == null ? Guesses.NONE : guessed).miss(now, cap);
      guesses.put(key, counted);
      if (counted.isLockedAt(now)) {
        codes.remove(key);
        return CodeCheck.CAP_REACHED;
      }
    }
    return misses >= maxAttempts ? CodeCheck.EXHAUSTED : CodeCheck.WRONG;
  }

  @Override
  public synchronized Duration codeLockout(UserId user, CodePurpose purpose, Instant now) {
    afterCall(now);
    Guesses guessed = liveGuesses(new CodeKey(user, purpose), now);
    return guessed == null || !guessed.isLockedAt(now) ? Duration.ZERO
        : Duration.between(now, guessed.lockedUntil());
  }

  @Override
  public synchronized boolean useOnce(UserId user, String use, Instant expiresAt, Instant now) {
    afterCall(now);
    Instant until = used.get(new UsedKey(user, use));
    if (until != null && now.isBefore(until)) {
      return false;
    }
    used.put(new UsedKey(user, use), expiresAt);
    return true;
  }

  @Override
  public synchronized void deleteCodes(UserId user) {
    for (CodePurpose purpose : CodePurpose.values()) {
      codes.remove(new CodeKey(user, purpose));
    }
  }

  @Override
  public synchronized void forgetUser(UserId user) {
    deleteCodes(user);
    for (CodePurpose purpose : CodePurpose.values()) {
      guesses.remove(new CodeKey(user, purpose));
    }
  }

  // --- throttles ------------------------------------------------------------------------------

  @Override
  public synchronized Optional<Duration> tryAcquire(String bucket, List<RateLimit> limits,
      Instant now) {
    afterCall(now);
    Duration longest = limits.stream().map(RateLimit::window).max(Duration::compareTo)
        .orElseThrow(() -> new IllegalArgumentException("at least one limit is needed"));
    Bucket events = buckets.computeIfAbsent(bucket, key -> new Bucket());
    events.keepFor(longest);
    events.forgetBefore(now);
    Duration wait = Duration.ZERO;
    for (RateLimit limit : limits) {
      Duration untilAllowed = events.waitFor(limit, now);
      if (untilAllowed.compareTo(wait) > 0) {
        wait = untilAllowed;
      }
    }
    if (!wait.isZero()) {
      return Optional.of(wait);
    }
    events.add(now);
    return Optional.empty();
  }

  @Override
  public synchronized Optional<Duration> reserveLoginAttempt(String key, int freeFailures,
      Duration window, Instant now) {
    afterCall(now);
    Failures earlier = liveFailures(key, now);
    if (earlier != null && now.isBefore(earlier.blockedUntil())) {
      return Optional.of(Duration.between(now, earlier.blockedUntil()));
    }
    int count = earlier == null ? 1 : earlier.count() + 1;
    Duration delay = delayAfter(count - freeFailures, window);
    // Only a wait actually imposed may refuse a later call: one stamped before this attempt may
    // still arrive after it.
    Instant blockedUntil = delay.isZero() ? Instant.MIN : now.plus(delay);
    loginFailures.put(key, new Failures(count, now, blockedUntil, window));
    return Optional.empty();
  }

  @Override
  public synchronized void loginSucceeded(String account, String address) {
    loginFailures.remove(account);
    if (address != null) {
      loginFailures.computeIfPresent(address, (key, failures) -> failures.count() == 0 ? failures
          : new Failures(failures.count() - 1, failures.last(), failures.blockedUntil(),
              failures.window()));
    }
  }

  @Override
  public synchronized void clearLoginFailures(String account) {
    loginFailures.remove(account);
  }

  /** How many entries are held, expired or not; for tests that check memory stays bounded. */
  synchronized int entries() {
    int count = codes.size() + guesses.size() + buckets.size() + loginFailures.size()
        + used.size();
    for (Map<SessionId, Session> ofUser : sessions.values()) {
      count += ofUser.size();
    }
    return count;
  }

  // --- internals ------------------------------------------------------------------------------

  /**
   * The wait after a failure {@code beyondFree} places past the last free one: none before it,
   * 1 s after the failure that reaches the free count (0), doubling for each further one.
   */
  private static Duration delayAfter(int beyondFree, Duration window) {
    if (beyondFree < 0) {
      return Duration.ZERO;
    }
    // 2^40 s is far beyond any window; stop doubling before the shift overflows.
    Duration delay = FIRST_LOGIN_DELAY.multipliedBy(1L << Math.min(beyondFree, 40));
    return delay.compareTo(window) > 0 ? window : delay;
  }

  private Session liveSession(UserId user, SessionId session, Instant now) {
    Map<SessionId, Session> ofUser = sessions.get(user);
    Session found = ofUser == null ? null : ofUser.get(session);
    if (found == null) {
      return null;
    }
    if (!now.isBefore(found.expiresAt())) {
      revokeSession(user, session);
      return null;
    }
    return found;
  }

  private Guesses liveGuesses(CodeKey key, Instant now) {
    Guesses guessed = guesses.get(key);
    if (guessed != null && !now.isBefore(guessed.forgottenAt())) {
      guesses.remove(key);
      return null;
    }
    return guessed;
  }

  private Failures liveFailures(String account, Instant now) {
    Failures failures = loginFailures.get(account);
    if (failures != null && !now.isBefore(failures.forgottenAt())) {
      loginFailures.remove(account);
      return null;
    }
    return failures;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static boolean same(String presented, String stored) {
    return stored != null && MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
  }

  /** Sweeps once per as many calls as there are entries: amortized constant work per call. */
  private void afterCall(Instant now) {
    if (--callsUntilSweep <= 0) {
      sweep(now);
      callsUntilSweep = Math.max(MIN_CALLS_BETWEEN_SWEEPS, entries());
    }
  }

  private void sweep(Instant now) {
    used.values().removeIf(until -> !now.isBefore(until));
    for (Iterator<Map<SessionId, Session>> users = sessions.values().iterator();
        users.hasNext(); ) {
      Map<SessionId, Session> ofUser = users.next();
      ofUser.values().removeIf(session -> !now.isBefore(session.expiresAt()));
      if (ofUser.isEmpty()) {
        users.remove();
      }
    }
    codes.values().removeIf(code -> !now.isBefore(code.expiresAt()));
    guesses.values().removeIf(guessed -> !now.isBefore(guessed.forgottenAt()));
    buckets.values().removeIf(bucket -> {
      bucket.forgetBefore(now);
      return bucket.isEmpty();
    });
    loginFailures.values().removeIf(failures -> !now.isBefore(failures.forgottenAt()));
  }

  /**
   * The refresh chain of one session: the current token; the hashes of the tokens it retired,
   * newest first (the first is the one just replaced), and the sealed successor handed out for
   * that one, kept for racing refreshes.
   */
  private record Session(long generation, String currentHash, List<String> retired,
      Instant rotatedAt, byte[] sealedSuccessor, Instant createdAt, Instant expiresAt,
      String revision, SessionOrigin origin) {

    String previousHash() {
      return retired.isEmpty() ? null : retired.get(0);
    }

    boolean issued(String retiredHash) {
      return retired.stream().anyMatch(hash -> same(retiredHash, hash));
    }

    Session withRevision(String newRevision) {
      return new Session(generation, currentHash, retired, rotatedAt, sealedSuccessor, createdAt,
          expiresAt, newRevision, origin);
    }
  }

  private record CodeKey(UserId user, CodePurpose purpose) {}

  private record UsedKey(UserId user, String use) {}

  private record Code(String hash, int misses, Instant expiresAt) {}

  /**
   * The misses counted against a {@link GuessCap} since {@code since} (null: none), the locks so
   * far and when the last one ends; the whole entry is forgotten at {@code forgottenAt}.
   */
  private record Guesses(int misses, Instant since, int locks, Instant lockedUntil,
      Instant forgottenAt) {

    static final Guesses NONE = new Guesses(0, null, 0, null, Instant.MAX);

    boolean isLockedAt(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }

    Guesses withoutMisses() {
      return new Guesses(0, null, locks, lockedUntil, forgottenAt);
    }

    /** One more miss at {@code now}; the one that reaches the cap starts the next lock. */
    Guesses miss(Instant now, GuessCap cap) {
      boolean windowOver = since == null || !now.isBefore(since.plus(cap.window()));
      int counted = (windowOver ? 0 : misses) + 1;
      Instant start = windowOver ? now : since;
      if (counted >= cap.maxMisses()) {
        Instant until = now.plus(cap.lockout(locks + 1));
        return new Guesses(0, null, locks + 1, until, until.plus(cap.maxLockout()));
      }
      Instant forget = start.plus(cap.window());
      if (lockedUntil != null && lockedUntil.plus(cap.maxLockout()).isAfter(forget)) {
        forget = lockedUntil.plus(cap.maxLockout());
      }
      return new Guesses(counted, start, locks, lockedUntil, forget);
    }
  }

  private record Failures(int count, Instant last, Instant blockedUntil, Duration window) {

    Instant forgottenAt() {
      return last.plus(window);
    }
  }

  /** The instants of the counted events of one bucket, oldest first. */
  private static final class Bucket {

    private final List<Instant> events = new ArrayList<>();
    private Duration retention = Duration.ZERO;

    void keepFor(Duration window) {
      if (window.compareTo(retention) > 0) {
        retention = window;
      }
    }

    /** Drops the events that no window can count any more. */
    void forgetBefore(Instant now) {
      Instant horizon = now.minus(retention);
      events.removeIf(event -> !event.isAfter(horizon));
    }

    /** Zero if one more event keeps {@code limit}; otherwise how long until it would. */
    Duration waitFor(RateLimit limit, Instant now) {
      Instant start = now.minus(limit.window());
      List<Instant> counted = events.stream().filter(event -> event.isAfter(start)).toList();
      if (counted.size() < limit.max()) {
        return Duration.ZERO;
      }
      // Enough of the oldest counted events must leave the window to make room for one more.
      Instant leaving = counted.get(counted.size() - limit.max());
      return Duration.between(now, leaving.plus(limit.window()));
    }

    void add(Instant event) {
      int at = events.size();
      while (at > 0 && events.get(at - 1).isAfter(event)) {
        at--;
      }
      events.add(at, event);
    }

    boolean isEmpty() {
      return events.isEmpty();
    }
  }
}
