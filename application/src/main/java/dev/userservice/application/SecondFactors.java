package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.TotpFactor;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.RandomSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of the second factor that several use cases share: new secrets and recovery codes,
 * checking a one-time password (each time step accepted once), the login challenge and the
 * step-up rule for sensitive actions.
 */
@Singleton
final class SecondFactors {

  // Ten characters of the base32 alphabet (50 bits), shown as two groups of five.
  private static final String RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final int RECOVERY_CHARACTERS = 10;
  private static final Pattern CHALLENGE = Pattern.compile("[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final CodeStore codes;
  private final KeyedHasher hasher;
  private final RandomSource random;
  private final Clock clock;
  private final SecurityPolicy policy;

  @Inject
  SecondFactors(CodeStore codes, KeyedHasher hasher, RandomSource random, Clock clock,
      SecurityPolicy policy) {
    this.codes = codes;
    this.hasher = hasher;
    this.random = random;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Refuses a sensitive action in a session that did not pass the second factor, when the
   * account ({@code owner}, the actor's own) has one.
   *
   * @throws ForbiddenException a {@link ForbiddenException#stepUpRequired()} one
   */
  static void requireStepUp(Actor actor, User owner) {
    if (owner.hasSecondFactor() && !actor.methods().secondFactor()) {
      throw ForbiddenException.stepUpRequired();
    }
  }

  /** A new 160-bit secret, not yet confirmed. */
  TotpFactor newFactor() {
    return TotpFactor.pending(random.bytes(TotpFactor.SECRET_BYTES));
  }

  /** The Key URI of {@code user}'s factor, labelled with the issuer and the account's email. */
  String keyUri(User user, TotpFactor factor) {
    return Totp.keyUri(policy.secondFactor().issuer(), user.email().value(), factor.secret());
  }

  /**
   * Whether {@code code} is the factor's one-time password within the drift window, at a time
   * step of {@code user}'s never accepted before; an accepted step is marked used, so a code seen
   * over a shoulder or replayed from a log is worth nothing.
   */
  boolean acceptCode(User user, TotpFactor factor, String code) {
    OptionalLong step = matchingStep(factor, code);
    return step.isPresent() && firstUse(user, step.getAsLong());
  }

  /** The time step within the drift window whose code {@code code} is; nothing is marked. */
  OptionalLong matchingStep(TotpFactor factor, String code) {
    return Totp.matchingStep(factor.secret(), code, clock.now());
  }

  /** Marks {@code step} of {@code user} used; whether no code of it was accepted before. */
  boolean firstUse(User user, long step) {
    // Marked until no clock within the drift window could accept the step again.
    return codes.useOnce(user.id(), "totp-" + step, Totp.endOf(step + Totp.DRIFT_STEPS),
        clock.now());
  }

  /** New recovery codes, shown once, and the hashes the account keeps of them. */
  record RecoveryCodes(List<String> codes, List<String> hashes) {}

  RecoveryCodes newRecoveryCodes(UserId user) {
    List<String> shown = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < policy.secondFactor().recoveryCodes(); i++) {
      byte[] bytes = random.bytes(RECOVERY_CHARACTERS);
      StringBuilder code = new StringBuilder(RECOVERY_CHARACTERS + 1);
      for (int c = 0; c < RECOVERY_CHARACTERS; c++) {
        if (c == RECOVERY_CHARACTERS / 2) {
          code.append('-');
        }
        code.append(RECOVERY_ALPHABET.charAt(bytes[c] & 31));
      }
      shown.add(code.toString());
      hashes.add(recoveryHash(user, code.toString()));
    }
    return new RecoveryCodes(List.copyOf(shown), List.copyOf(hashes));
  }

  /** The hash of {@code code} if it is one of the factor's unused recovery codes. */
  Optional<String> matchingRecoveryCode(User user, TotpFactor factor, String code) {
    if (code == null || code.length() > 64) {
      return Optional.empty();
    }
    String hash = recoveryHash(user.id(), code);
    return factor.recoveryCodeHashes().contains(hash) ? Optional.of(hash) : Optional.empty();
  }

  // Case, spaces and dashes are the reader's, not the code's: "ABCDE FGHIJ" is "abcde-fghij".
  private String recoveryHash(UserId user, String code) {
    String normalized = code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
    return hasher.hash("recovery-code|" + user + "|" + normalized);
  }

  // --- the login challenge --------------------------------------------------------------------

  /** A challenge handed out for a right password: {@code <user id>.<256 random bits>}. */
  record Challenge(String token, Instant expiresAt) {

    @Override
    public String toString() {
      return "Challenge[expiresAt=" + expiresAt + "]";
    }
  }

  /** A new challenge for {@code user}, voiding any earlier one. */
  Challenge challenge(User user) {
    String secret = BASE64URL.encodeToString(random.bytes(32));
    Instant expiresAt = clock.now().plus(policy.secondFactor().challengeTtl());
    codes.saveCode(user.id(), CodePurpose.MFA_CHALLENGE, challengeHash(secret), expiresAt);
    return new Challenge(user.id() + "." + secret, expiresAt);
  }

  /**
   * The account a presented challenge names.
   *
   * @throws UnauthenticatedException when it is no challenge at all
   */
  static UserId challengedUser(String token) {
    if (token == null || !CHALLENGE.matcher(token).matches()) {
      throw invalidChallenge();
    }
    try {
      return new UserId(UUID.fromString(token.substring(0, 36)));
    } catch (IllegalArgumentException e) {
      throw invalidChallenge();
    }
  }

  /**
   * Settles a presented challenge: with {@code passed} (the second factor was right) a live
   * challenge is consumed and answers {@link CodeCheck#ACCEPTED}; otherwise one wrong attempt is
   * counted against it, and after the policy's attempts it is void.
   */
  CodeCheck settle(String token, boolean passed) {
    String secret = token.substring(37);
    // A miss presents a value no challenge is ever saved under, so it can only count.
    String presented = passed ? challengeHash(secret) : challengeHash("miss|" + secret);
    return codes.checkCode(challengedUser(token), CodePurpose.MFA_CHALLENGE, presented,
        policy.secondFactor().challengeAttempts(), clock.now());
  }

  private String challengeHash(String secret) {
    return hasher.hash("mfa-challenge|" + secret);
  }

  static UnauthenticatedException invalidChallenge() {
    return new UnauthenticatedException("invalid or expired challenge, or wrong code");
  }
}
