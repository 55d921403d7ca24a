package dev.userservice.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the errors of several inputs, so whatever is built from raw values (a command, a
 * filter) reports every invalid field at once, not only the first. One collector per build; not
 * thread-safe.
 */
public final class FieldErrors {

  private final List<FieldError> errors = new ArrayList<>();

  /** The parsed value, or {@code null} after recording why the input is invalid. */
  public <T> T parse(Supplier<T> parser) {
    try {
      return parser.get();
    } catch (InvalidInputException e) {
      errors.addAll(e.errors());
      return null;
    }
  }

  /** Records that {@code field} is invalid. */
  public void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  /** Whether no error was recorded so far. */
  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /**
   * Throws every recorded error at once, if any.
   *
   * @throws InvalidInputException naming each recorded field, in the order recorded
   */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /**
   * {@link #throwIfAny()}, then {@code value}: the last argument of a constructor that parses its
   * other arguments, so the constructor it delegates to only ever sees valid values.
   */
  public <T> T throwIfAnyElse(T value) {
    throwIfAny();
    return value;
  }
}
