package dev.userservice.application;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.InvalidCodeException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.GuessCap;
import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.RandomSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues one-time codes and checks them. A new code voids the previous one of its purpose, and
 * every new code counts against the resend limits exactly once; the three ways to issue one
 * differ only in when it is counted and who queues its letter:
 * <ul>
 *   <li>{@link #send}: counts, stores and queues the letter;
 *   <li>{@link #countResend} first, then {@link #sendAlreadyCounted}: for callers that must know
 *       the code may be sent before they change anything;
 *   <li>{@link #storeAndReturnLetter}: counts and stores, and leaves the letter to the caller to
 *       queue once the user is stored.
 * </ul>
 */
@Singleton
final class Codes {

  /** Stands in for an unknown email, so its code is checked like any other: never found. */
  static final UserId NOBODY = new UserId(new UUID(0, 0));

  private final CodeStore codeStore;
  private final MailOutbox outbox;
  private final Letters letters;
  private final RandomSource random;
  private final KeyedHasher codeHasher;
  private final Clock clock;
  private final SecurityPolicy policy;
  private final Throttles throttles;

  @Inject
  Codes(CodeStore codeStore, MailOutbox outbox, Letters letters, RandomSource random,
      KeyedHasher codeHasher, Clock clock, SecurityPolicy policy, Throttles throttles) {
    this.codeStore = codeStore;
    this.outbox = outbox;
    this.letters = letters;
    this.random = random;
    this.codeHasher = codeHasher;
    this.clock = clock;
    this.policy = policy;
    this.throttles = throttles;
  }

  /**
   * Sends {@code user} a new code for {@code purpose} at {@code to}, voiding the previous one.
   *
   * @throws dev.userservice.domain.ThrottledException when codes of this purpose were sent too
   *     recently or too often to this user
   */
  void send(User user, CodePurpose purpose, Email to) {
    countResend(user, purpose);
    sendAlreadyCounted(user, purpose, to);
  }

  /**
   * Counts one code of {@code purpose} for {@code user} against the resend limits, without
   * issuing it; the caller then issues it with {@link #sendAlreadyCounted}.
   *
   * @throws dev.userservice.domain.ThrottledException when codes of this purpose were sent too
   *     recently or too often to this user
   */
  void countResend(User user, CodePurpose purpose) {
    throttles.acquire("code:" + purpose + ":" + user.id(), policy.codes().resendLimits(),
        "a code was sent recently; wait before asking for another");
  }

  /** Sends a code without counting it; the caller has called {@link #countResend}. */
  void sendAlreadyCounted(User user, CodePurpose purpose, Email to) {
    outbox.enqueue(storeNewCode(user, purpose, to), clock.now());
  }

  /**
   * Counts and stores a new code for {@code user}, who need not be stored yet, and returns the
   * letter that carries it, unqueued, for the caller to queue once the user is stored.
   *
   * @throws dev.userservice.domain.ThrottledException as {@link #send} does
   */
  Mail storeAndReturnLetter(User user, CodePurpose purpose, Email to) {
    countResend(user, purpose);
    return storeNewCode(user, purpose, to);
  }

  private Mail storeNewCode(User user, CodePurpose purpose, Email to) {
    VerificationCode code = VerificationCode.of(random.nextInt(1_000_000));
    Duration ttl = ttl(purpose);
    Instant expiresAt = clock.now().plus(ttl);
    codeStore.saveCode(user.id(), purpose, hash(user.id(), purpose, code), expiresAt);
    return letters.code(user, purpose, to, code, ttl, expiresAt);
  }

  /** How long a new code of {@code purpose} is valid. */
  Duration ttl(CodePurpose purpose) {
    return purpose == CodePurpose.INVITATION ? policy.codes().invitationTtl()
        : policy.codes().ttl();
  }

  /**
   * Consumes {@code code} if it is the live code of {@code user} for {@code purpose}.
   *
   * @throws InvalidCodeException when it is wrong, expired or exhausted
   */
  void consume(User user, CodePurpose purpose, VerificationCode code) {
    switch (check(user.id(), purpose, code, null)) {
      case ACCEPTED -> { }
      case WRONG -> throw new InvalidCodeException(InvalidCodeException.Reason.WRONG);
      case EXHAUSTED, CAP_REACHED ->
          throw new InvalidCodeException(InvalidCodeException.Reason.EXHAUSTED);
      case EXPIRED, LOCKED -> throw new InvalidCodeException(InvalidCodeException.Reason.EXPIRED);
    }
  }

  /** Presents {@code code} for {@code user} (who need not exist) under {@code cap} (or none). */
  CodeCheck check(UserId user, CodePurpose purpose, VerificationCode code, GuessCap cap) {
    return codeStore.checkCode(user, purpose, hash(user, purpose, code),
        policy.codes().maxAttempts(), cap, clock.now());
  }

  /** How long codes of {@code purpose} stay locked for {@code user}; zero when they are not. */
  Duration lockout(User user, CodePurpose purpose) {
    return codeStore.codeLockout(user.id(), purpose, clock.now());
  }

  /** The keyed hash the token store keeps: bound to user and purpose, useless without the key. */
  private String hash(UserId user, CodePurpose purpose, VerificationCode code) {
    return codeHasher.hash(purpose.name() + ':' + user + ':' + code.digits());
  }
}
