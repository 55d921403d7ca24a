package dev.userservice.domain.port;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.UserId;
import java.time.Duration;
import java.time.Instant;

/**
 * One-time codes, their attempts and the lock on guessing them (part of the {@link TokenStore}).
 * Codes arrive already hashed; the store never sees one in clear.
 * Every method is atomic under concurrency (one script or lock, not read-then-write), every
 * entry expires on its own, and every method may throw {@link UnavailableException} when the
 * store cannot be reached in time. {@code now} is always the caller's clock, so expiry is
 * testable.
 */
public interface CodeStore {

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
   * Marks {@code use} of {@code user} (an opaque, already hashed value, such as the time step of
   * a one-time password) as used until {@code expiresAt}; whether it was not marked yet. Under
   * any concurrency exactly one caller gets {@code true} for a mark that is live at {@code now}.
   */
  boolean useOnce(UserId user, String use, Instant expiresAt, Instant now);

  /**
   * Forgets every code of {@code user} (when its email changes); locks and counted misses stay.
   */
  void deleteCodes(UserId user);

  /**
   * Forgets everything kept of {@code user}: its codes, and its counted misses and locks too. For
   * an account that was deleted: nothing of it may outlive it.
   */
  void forgetUser(UserId user);
}
