package dev.userservice.application;

/**
 * The update of an optional field in an edit, which has three cases: no {@code FieldUpdate}
 * ({@code null}) leaves the field as it is, {@code FieldUpdate.to(null)} clears it, and
 * {@code FieldUpdate.to(value)} sets it. A JSON merge-patch field maps onto it one to one:
 * absent, {@code null}, a value.
 */
public record FieldUpdate<T>(T value) {

  public static <T> FieldUpdate<T> to(T value) {
    return new FieldUpdate<>(value);
  }
}
