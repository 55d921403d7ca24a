package dev.userservice.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A six-digit one-time code. Only its {@link #hashFor hash} is stored; the hash is bound to the
 * user and purpose, so a code for one cannot be replayed for another.
 */
public record VerificationCode(String digits) {

  public static final int LENGTH = 6;

  public VerificationCode {
    if (digits == null || digits.length() != LENGTH || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw InvalidInputException.of("code", "must be " + LENGTH + " digits");
    }
  }

  /** The code for {@code value}, a uniformly random number below one million. */
  public static VerificationCode of(int value) {
    if (value < 0 || value >= 1_000_000) {
      throw new IllegalArgumentException("a code is a number below one million");
    }
    return new VerificationCode(String.format("%06d", value));
  }

  /** Parses user input, tolerating surrounding spaces; anything but six digits is invalid. */
  public static VerificationCode parse(String raw) {
    return new VerificationCode(raw == null ? null : raw.strip());
  }

  /** SHA-256 over purpose, user and code, hex-encoded: what the token store keeps. */
  public String hashFor(UserId user, CodePurpose purpose) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(
          (purpose.name() + ':' + user + ':' + digits).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "VerificationCode[***]";
  }
}
