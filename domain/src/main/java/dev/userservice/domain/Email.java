package dev.userservice.domain;

import java.util.Locale;

/**
 * An email address, trimmed and lower-cased so that uniqueness is case-insensitive. The syntax
 * check is deliberately practical (one {@code @}, a dotted domain, no spaces or control
 * characters), not RFC 5322 in full: the verification mail is the real test.
 */
public record Email(String value) {

  public static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL_PART = 64;
  private static final int MAX_LABEL = 63;
  private static final String LOCAL_PART_SYMBOLS = ".!#$%&'*+/=?^_`{|}~-";

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
    for (int i = 0; i < stripped.length(); i++) {
      if (stripped.charAt(i) >= 0x80) {
        throw InvalidInputException.of(field, "is not a valid email address");
      }
    }
    String email = stripped.toLowerCase(Locale.ROOT);
    int at = email.indexOf('@');
    if (!hasShape(email, at) || email.indexOf('.', at) < 0 && !email.endsWith("@localhost")) {
      throw InvalidInputException.of(field, "is not a valid email address");
    }
    return email;
  }

  /**
   * Whether the lower-case ASCII {@code email} is a local part of 1 to 64 letters, digits and
   * {@value #LOCAL_PART_SYMBOLS}, then {@code @} (at {@code at}), then dot-separated labels of 1
   * to 63 letters, digits and hyphens that neither start nor end with a hyphen.
   *
   * <p>A plain scan rather than the equivalent regular expression (the tests keep it): every user
   * read from the database is checked here, so keep it a plain scan (docs/performance.md, "Email
   * checked by a scan").
   */
  private static boolean hasShape(String email, int at) {
    if (at < 1 || at > MAX_LOCAL_PART) {
      return false;
    }
    for (int i = 0; i < at; i++) {
      char c = email.charAt(i);
      if (!isLetterOrDigit(c) && LOCAL_PART_SYMBOLS.indexOf(c) < 0) {
        return false;
      }
    }
    int label = at + 1;
    for (int i = label; i <= email.length(); i++) {
      char c = i == email.length() ? '.' : email.charAt(i);
      if (c == '.') {
        if (i == label || i - label > MAX_LABEL
            || email.charAt(label) == '-' || email.charAt(i - 1) == '-') {
          return false;
        }
        label = i + 1;
      } else if (!isLetterOrDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetterOrDigit(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  @Override
  public String toString() {
    return value;
  }

  /**
   * {@code ada.l@example.co.uk} as {@code a***@e***.uk}: enough for its owner to recognise, not
   * enough for anyone else to use.
   */
  public String masked() {
    int at = value.lastIndexOf('@');
    String domain = value.substring(at + 1);
    int dot = domain.lastIndexOf('.');
    String topLevel = dot > 0 ? domain.substring(dot) : "";
    return firstCharacter(value.substring(0, at)) + "***@" + firstCharacter(domain) + "***"
        + topLevel;
  }

  private static String firstCharacter(String text) {
    return text.isEmpty() ? "" : text.substring(0, text.offsetByCodePoints(0, 1));
  }
}
