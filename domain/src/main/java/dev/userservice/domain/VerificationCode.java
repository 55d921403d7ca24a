package dev.userservice.domain;

/**
 * A six-digit one-time code. Only a keyed hash of it is stored (by the application, under the
 * service's secret key), bound to the user and purpose, so a code for one cannot be replayed for
 * another.
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

  @Override
  public String toString() {
    return "VerificationCode[***]";
  }
}
