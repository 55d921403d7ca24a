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
   * Starts a session whose current refresh token (generation 0) has hash {@code refreshHash};
   * it lives for {@code ttl} from {@code now}, renewed at every rotation.
   */
  void createSession(UserId user, SessionId session, String refreshHash, Instant now, Duration ttl);

  /**
   * Presents the refresh token of {@code generation} with hash {@code presentedHash}:
   * <ul>
   *   <li>current generation and hash: the successor ({@code successorHash}, generation + 1)
   *       becomes current, {@code sealedSuccessor} is kept for the grace window, and the session
   *       lives {@code ttl} from now: {@link Rotation.Rotated};
   *   <li>the generation just replaced, its hash, within {@code grace} of that rotation: the kept
   *       {@code sealedSuccessor}, nothing changes: {@link Rotation.Replayed};
   *   <li>any older generation, or the one just replaced after the grace window: the session is
   *       revoked: {@link Rotation.ReuseDetected};
   *   <li>anything else (unknown or revoked session, wrong hash): {@link Rotation.Invalid}.
   * </ul>
   */
  Rotation rotate(UserId user, SessionId session, long generation, String presentedHash,
      String successorHash, byte[] sealedSuccessor, Instant now, Duration grace, Duration ttl);

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
   * How long logins for {@code account} must wait because of earlier failures; zero when they
   * may proceed.
   */
  Duration loginDelay(String account, Instant now);

  /**
   * Counts a failed login for {@code account}. Up to {@code freeFailures} failures within
   * {@code window} impose no delay; each further one doubles the delay (1 s, 2 s, 4 s, ...,
   * capped at {@code window}). Returns the delay now imposed (zero while free). Failures are
   * forgotten {@code window} after the last one; there is never a permanent lockout.
   */
  Duration recordLoginFailure(String account, int freeFailures, Duration window, Instant now);

  /** Forgets the failures of {@code account} (after a successful login). */
  void clearLoginFailures(String account);
}
