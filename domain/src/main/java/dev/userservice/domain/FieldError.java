package dev.userservice.domain;

import java.util.Objects;

/** One invalid input field: its external (snake_case) name and what is wrong with it. */
public record FieldError(String field, String message) {

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
