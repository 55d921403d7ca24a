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
    if (raw == null || raw.isBlank()) {
      throw InvalidInputException.of(field, "must not be blank");
    }
    String name = raw.strip();
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
      throw InvalidInputException.of(field, "must be at most " + MAX_LENGTH + " characters");
    }
    // Every control character is a single char, so a surrogate pair never hides one.
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw InvalidInputException.of(field, "must not contain control characters");
      }
    }
    return name;
  }

  @Override
  public String toString() {
    return value;
  }
}
