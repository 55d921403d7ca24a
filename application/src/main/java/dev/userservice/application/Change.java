package dev.userservice.application;

/**
 * A requested change of an optional field: {@code null} (no {@code Change}) leaves the field as
 * it is; a {@code Change} with a {@code null} value clears it.
 */
public record Change<T>(T value) {

  public static <T> Change<T> to(T value) {
    return new Change<>(value);
  }
}
