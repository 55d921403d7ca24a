package dev.userservice.domain.port;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Refresh sessions and the cache revision of each user they carry (part of the
 * {@link TokenStore}).
 * Refresh tokens arrive already hashed; the store never sees one in clear.
 * Every method is atomic under concurrency (one script or lock, not read-then-write), every
 * entry expires on its own, and every method may throw {@link UnavailableException} when the
 * store cannot be reached in time. {@code now} is always the caller's clock, so expiry is
 * testable.
 */
public interface SessionStore {

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
   * {@code origin} is kept with the session for {@link #listSessions}, written by the same atomic
   * step.
   */
  void createSession(UserId user, SessionId session, String refreshHash, Instant now,
      SessionLimits limits, SessionOrigin origin);

  /** {@link #createSession} with nothing known of where the session started. */
  default void createSession(UserId user, SessionId session, String refreshHash, Instant now,
      SessionLimits limits) {
    createSession(user, session, refreshHash, now, limits, SessionOrigin.UNKNOWN);
  }

  /**
   * The live sessions of {@code user} at {@code now} (neither ended nor expired), those that
   * expire first first; never more than {@link SessionLimits#maxPerUser}, so the work is bounded.
   * One round trip.
   */
  List<SessionInfo> listSessions(UserId user, Instant now);

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
  default Rotation rotate(UserId user, SessionId session, long generation, String presentedHash,
      String successorHash, byte[] sealedSuccessor, Instant now, Duration grace,
      SessionLimits limits) {
    return rotate(user, session, generation, presentedHash, successorHash, sealedSuccessor, now,
        grace, limits, AuthMethods.PASSWORD);
  }

  /**
   * {@link #rotate(UserId, SessionId, long, String, String, byte[], Instant, Duration,
   * SessionLimits)} for a successor made for a session started with {@code methods} (the
   * {@link SessionOrigin#methods} it was created with): when the current token is presented
   * but the session was started with other methods, nothing changes and the answer is
   * {@link Rotation.MethodsDiffer} with the session's methods, so a successor never claims more
   * (or less) than the login proved. The other outcomes are as above.
   */
  Rotation rotate(UserId user, SessionId session, long generation, String presentedHash,
      String successorHash, byte[] sealedSuccessor, Instant now, Duration grace,
      SessionLimits limits, AuthMethods methods);

  /**
   * If the session exists and is not revoked, the cache revision of its user that it carries;
   * otherwise empty. One round trip; called on every request.
   *
   * <p>A cache revision is an opaque value, unique among all revisions ever given, that changes
   * at every {@link #renewCacheRevision} of the user. A copy of the user read after a revision
   * was reported is therefore current for as long as that revision is still reported, and may be
   * cached under it.
   */
  Optional<String> liveSessionCacheRevision(UserId user, SessionId session);

  /**
   * Gives every live session of {@code user} a new cache revision; called after every stored
   * change to the user, so copies cached under the old revision are no longer served.
   */
  void renewCacheRevision(UserId user);

  /**
   * Ends one session of {@code user}; ending an unknown (or another user's) session is not an
   * error and changes nothing.
   *
   * @return whether a session was ended
   */
  boolean revokeSession(UserId user, SessionId session);

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
}
