package dev.userservice.domain.port;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Fast, expiring security state: refresh sessions, one-time codes and throttles. Secrets arrive
 * already hashed; implementations never see a token or a code in clear. Every method is atomic
 * under concurrency (one script or lock, not read-then-write), every entry expires on its own,
 * and every method may throw {@link UnavailableException} when the store cannot be reached in
 * time. {@code now} is always the caller's clock, so expiry is testable.
 */
public interface TokenStore {

  // --- sessions -------------------------------------------------------------------------------

  /**
   * How many retired refresh tokens of a session are remembered: presenting one of them is reuse
   * (see {@link #rotate}); an older one is merely invalid.
   */
  int RETIRED_TOKENS_REMEMBERED = 16;

  /**
   * Starts a session whose current refresh token (generation 0) has hash {@code refreshHash}; it
   * lives for {@link SessionLimits#ttl} from {@code now}, renewed at every rotation, but never
   * beyond {@link SessionLimits#maxLifetime} from {@code now}. If {@code user} then holds more
   * than {@link SessionLimits#maxPerUser} live sessions, those that would expire first are ended
   * until the cap holds, so the work that ending all of a user's sessions takes stays bounded.
   */
  void createSession(UserId user, SessionId session, String refreshHash, Instant now,
      SessionLimits limits);

  /**
   * Presents the refresh token of {@code generation} with hash {@code presentedHash}:
   * <ul>
   *   <li>current generation and hash: the successor ({@code successorHash}, generation + 1)
   *       becomes current, the presented hash is remembered as retired, {@code sealedSuccessor}
   *       is kept for the grace window, and the session lives {@link SessionLimits#ttl} from now
   *       (but not beyond its maximum lifetime): {@link Rotation.Rotated};
   *   <li>the generation just replaced, its hash, within {@code grace} of that rotation: the kept
   *       {@code sealedSuccessor}, nothing changes: {@link Rotation.Replayed};
   *   <li>an older generation whose hash is one of the session's last
   *       {@link #RETIRED_TOKENS_REMEMBERED} retired tokens (the one just replaced, after the
   *       grace window, included): a token this session really issued is used again, so the
   *       session is revoked: {@link Rotation.ReuseDetected};
   *   <li>a live session that reached {@link SessionLimits#maxLifetime} since its creation: the
   *       session is removed, whatever was presented: {@link Rotation.Invalid};
   *   <li>anything else (unknown, expired or revoked session; a hash this session never issued,
   *       or retired too long ago): {@link Rotation.Invalid}, and nothing changes.
   * </ul>
   */
  Rotation rotate(UserId user, SessionId session, long generation, String presentedHash,
      String successorHash, byte[] sealedSuccessor, Instant now, Duration grace,
      SessionLimits limits);

  /**
   * If the session exists and is not revoked, the revision of its user that it carries; otherwise
   * empty. One round trip; called on every request.
   *
   * <p>A revision is an opaque value, unique among all revisions ever given, that changes at
   * every {@link #userChanged} of the user. A copy of the user read after a revision was
   * reported is therefore current for as long as that revision is still reported.
   */
  Optional<String> liveSessionRevision(UserId user, SessionId session);

  /**
   * Gives every live session of {@code user} a new revision; called after every stored change to
   * the user, so copies cached under the old revision are no longer served.
   */
  void userChanged(UserId user);

  /** Ends one session; ending an unknown session is not an error. */
  void revokeSession(UserId user, SessionId session);

  /**
   * Ends one session, but only for a holder of one of its refresh tokens: {@code presentedHash}
   * is the hash of its current token or of one of its last {@link #RETIRED_TOKENS_REMEMBERED}
   * retired ones. Anything else changes nothing. Idempotent.
   *
   * @return whether a session was ended
   */
  boolean revokeSessionWithToken(UserId user, SessionId session, String presentedHash);

  /** Ends every session of {@code user}. */
  void revokeAllSessions(UserId user);

  /** Ends every session of {@code user} except {@code keep} (after a password change). */
  void revokeOtherSessions(UserId user, SessionId keep);

  // --- one-time codes -------------------------------------------------------------------------

  /** Stores the hash of a new code for {@code purpose}, voiding any previous one, with its attempts. */
  void saveCode(UserId user, CodePurpose purpose, String codeHash, Instant expiresAt);

  /**
   * Checks a presented code. A match consumes it; a miss counts one attempt, and the code is
   * void once {@code maxAttempts} misses were counted. Under any concurrency no more than
   * {@code maxAttempts} misses are ever counted and a code is accepted at most once. Never
   * answers {@link CodeCheck#CAP_REACHED} or {@link CodeCheck#LOCKED}.
   */
  default CodeCheck checkCode(UserId user, CodePurpose purpose, String codeHash, int maxAttempts,
      Instant now) {
    return checkCode(user, purpose, codeHash, maxAttempts, null, now);
  }

  /**
   * Checks a presented code as {@link #checkCode(UserId, CodePurpose, String, int, Instant)}
   * does, and also holds the misses of all codes of {@code user} and {@code purpose} to
   * {@code cap} ({@code null}: no cap), in the same atomic step:
   * <ul>
   *   <li>while the purpose is locked, answers {@link CodeCheck#LOCKED} and looks at nothing;
   *   <li>every miss counts towards the cap; the miss that reaches it voids the code, locks the
   *       purpose ({@link GuessCap} says for how long) and answers
   *       {@link CodeCheck#CAP_REACHED}, once per lock, whatever the concurrency;
   *   <li>an accepted code forgets the misses counted so far (not the earlier locks).
   * </ul>
   * Under any concurrency no more than {@code cap.maxMisses()} misses are counted per window.
   */
  CodeCheck checkCode(UserId user, CodePurpose purpose, String codeHash, int maxAttempts,
      GuessCap cap, Instant now);

  /**
   * How long {@code purpose} stays locked for {@code user} by its {@link GuessCap}; zero when it
   * is not locked.
   */
  Duration codeLockout(UserId user, CodePurpose purpose, Instant now);

  /**
   * Forgets every code of {@code user} (when the account is deleted, or its email changes);
   * locks and counted misses stay.
   */
  void deleteCodes(UserId user);

  // --- throttles ------------------------------------------------------------------------------

  /**
   * Counts one event in {@code bucket} if doing so keeps every limit, and returns empty; otherwise
   * counts nothing and returns how long until the event would be allowed. Under any concurrency
   * no limit is ever exceeded.
   */
  Optional<Duration> tryAcquire(String bucket, List<RateLimit> limits, Instant now);

  /**
   * Reserves one password attempt under the failure throttle {@code key} (an account, a client
   * address), before the password is checked, so that concurrent attempts cannot all pass a
   * check that none of them has counted yet. If {@code key} must still wait, counts nothing and
   * returns how long. Otherwise counts the attempt as a failure at once (a success takes it back
   * through {@link #loginSucceeded}; a failure needs no further call) and returns empty.
   *
   * <p>Up to {@code freeFailures} attempts within {@code window} proceed without waiting; the
   * failure that reaches that count, and each one after it, makes the next attempt wait, doubling
   * (1 s, 2 s, 4 s, ..., capped at {@code window}) and counted from that failure's reservation.
   * Failures are forgotten {@code window} after the last one; there is never a permanent lockout.
   * So under any concurrency at most {@code freeFailures} attempts in a row get a real answer.
   */
  Optional<Duration> reserveLoginAttempt(String key, int freeFailures, Duration window,
      Instant now);

  /**
   * The password attempt reserved under {@code account} and {@code address} succeeded: every
   * failure of {@code account} is forgotten, and under {@code address} (nullable) just this
   * attempt is taken back, so a success never counts against its address while the address's
   * other failures keep counting (a wait they already imposed stays). One round trip.
   */
  void loginSucceeded(String account, String address);

  /** Forgets the failures of {@code account} (after a password reset). */
  void clearLoginFailures(String account);
}
