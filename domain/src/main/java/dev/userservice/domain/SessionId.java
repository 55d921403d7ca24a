package dev.userservice.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** One login session (one refresh-token chain). URL-safe text, 22 characters (128 bits). */
public record SessionId(String value) {

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

  public SessionId {
    Objects.requireNonNull(value, "value");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed session id");
    }
  }

  /** Whether {@code text} has the shape of a session id. */
  public static boolean isWellFormed(String text) {
    return text != null && SHAPE.matcher(text).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
