package dev.userservice.domain;

/**
 * A plaintext password on its way to the hasher. At most {@value #MAX_LENGTH} characters, never
 * truncated; the minimum length is a configurable {@link PasswordPolicy}. {@link #toString()} never
 * reveals it.
 */
public record Password(String value) {

  public static final int MAX_LENGTH = 128;

  public Password {
    value = check(value, "password");
  }

  public static Password of(String raw, String field) {
    return new Password(check(raw, field));
  }

  private static String check(String raw, String field) {
    if (raw == null || raw.isEmpty()) {
      throw InvalidInputException.of(field, "is required");
    }
    if (raw.codePointCount(0, raw.length()) > MAX_LENGTH) {
      throw InvalidInputException.of(field, "must be at most " + MAX_LENGTH + " characters");
    }
    return raw;
  }

  @Override
  public String toString() {
    return "Password[***]";
  }
}
