package dev.userservice.domain;

/** Length rules for new passwords. No composition rules, as NIST SP 800-63B advises. */
public record PasswordPolicy(int minLength) {

  public static final int DEFAULT_MIN_LENGTH = 8;

  public PasswordPolicy {
    if (minLength < 1 || minLength > Password.MAX_LENGTH) {
      throw new IllegalArgumentException("minimum password length out of range: " + minLength);
    }
  }

  public static PasswordPolicy defaults() {
    return new PasswordPolicy(DEFAULT_MIN_LENGTH);
  }

  /** Checks a password that is about to be set; {@code field} names it in the error. */
  public Password check(Password password, String field) {
    String value = password.value();
    if (value.codePointCount(0, value.length()) < minLength) {
      throw InvalidInputException.of(field, "must be at least " + minLength + " characters");
    }
    return password;
  }
}
