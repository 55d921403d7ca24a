package dev.userservice.domain;

/**
 * Why an administrator disabled an account, as they wrote it: trimmed, 1 to {@value #MAX_LENGTH}
 * characters, no control characters.
 */
public record StatusReason(String value) {

  public static final int MAX_LENGTH = 200;

  public StatusReason {
    value = normalize(value, "reason");
  }

  /** The reason in {@code raw}, or {@code null} when {@code raw} is null or blank. */
  public static StatusReason ofNullable(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return new StatusReason(normalize(raw, field));
  }

  private static String normalize(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      throw InvalidInputException.of(field, "must not be blank");
    }
    String reason = raw.strip();
    if (reason.codePointCount(0, reason.length()) > MAX_LENGTH) {
      throw InvalidInputException.of(field, "must be at most " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < reason.length(); i++) {
      if (Character.isISOControl(reason.charAt(i))) {
        throw InvalidInputException.of(field, "must not contain control characters");
      }
    }
    return reason;
  }

  @Override
  public String toString() {
    return value;
  }
}
