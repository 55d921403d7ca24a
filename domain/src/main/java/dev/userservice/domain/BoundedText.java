package dev.userservice.domain;

/** The rule of short free texts people type (names, a reason): trimmed, bounded, no controls. */
final class BoundedText {

  private BoundedText() {}

  /**
   * {@code raw} stripped, 1 to {@code max} code points, without control characters.
   *
   * @throws InvalidInputException naming {@code field} otherwise
   */
  static String normalize(String raw, String field, int max) {
    if (raw == null || raw.isBlank()) {
      throw InvalidInputException.of(field, "must not be blank");
    }
    String text = raw.strip();
    if (text.codePointCount(0, text.length()) > max) {
      throw InvalidInputException.of(field, "must be at most " + max + " characters");
    }
    // Every control character is a single char, so a surrogate pair never hides one.
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw InvalidInputException.of(field, "must not contain control characters");
      }
    }
    return text;
  }
}
