package dev.userservice.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address, trimmed and lower-cased so that uniqueness is case-insensitive. The syntax
 * check is deliberately practical (one {@code @}, a dotted domain, no spaces or control
 * characters), not RFC 5322 in full: the verification mail is the real test.
 */
public record Email(String value) {

  public static final int MAX_LENGTH = 254;
  private static final Pattern SHAPE = Pattern.compile(
      "^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
          + "(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$");

  public Email {
    value = normalize(value, "email");
  }

  /** Validates {@code raw} reporting problems against {@code field}. */
  public static Email of(String raw, String field) {
    return new Email(normalize(raw, field));
  }

  private static String normalize(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      throw InvalidInputException.of(field, "is required");
    }
    String stripped = raw.strip();
    if (stripped.length() > MAX_LENGTH) {
      throw InvalidInputException.of(field, "must be at most " + MAX_LENGTH + " characters");
    }
    // ASCII before lower-casing: Unicode case mapping turns the Kelvin sign into a plain "k".
    if (!stripped.chars().allMatch(c -> c < 0x80)) {
      throw InvalidInputException.of(field, "is not a valid email address");
    }
    String email = stripped.toLowerCase(Locale.ROOT);
    int at = email.indexOf('@');
    if (at < 1 || at > 64 || !SHAPE.matcher(email).matches()) {
      throw InvalidInputException.of(field, "is not a valid email address");
    }
    if (email.indexOf('.', at) < 0 && !email.endsWith("@localhost")) {
      throw InvalidInputException.of(field, "is not a valid email address");
    }
    return email;
  }

  @Override
  public String toString() {
    return value;
  }
}
