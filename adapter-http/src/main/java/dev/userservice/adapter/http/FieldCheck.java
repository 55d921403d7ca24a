package dev.userservice.adapter.http;

import dev.userservice.domain.FieldError;
import dev.userservice.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Parses several inputs and reports every invalid one at once, not only the first. */
final class FieldCheck {

  private final List<FieldError> errors = new ArrayList<>();

  /** The parsed value, or {@code null} after recording why it is invalid. */
  <T> T parse(Supplier<T> parser) {
    try {
      return parser.get();
    } catch (InvalidInputException e) {
      errors.addAll(e.errors());
      return null;
    }
  }

  void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  boolean ok() {
    return errors.isEmpty();
  }

  /** Throws the collected errors, if any. */
  void done() {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }
}
