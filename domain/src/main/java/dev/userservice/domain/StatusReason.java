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
    return BoundedText.normalize(raw, field, MAX_LENGTH);
  }

  @Override
  public String toString() {
    return value;
  }
}
