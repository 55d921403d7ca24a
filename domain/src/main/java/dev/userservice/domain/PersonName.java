package dev.userservice.domain;

/** A first or last name: trimmed, 1 to 50 characters, no control characters. */
public record PersonName(String value) {

  public static final int MAX_LENGTH = 50;

  public PersonName {
    value = normalize(value, "name");
  }

  /**
   * The name in {@code raw}, or {@code null} when {@code raw} is null or blank (names are
   * optional; an empty string clears one).
   */
  public static PersonName ofNullable(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return new PersonName(normalize(raw, field));
  }

  private static String normalize(String raw, String field) {
    return BoundedText.normalize(raw, field, MAX_LENGTH);
  }

  @Override
  public String toString() {
    return value;
  }
}
