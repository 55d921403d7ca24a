package dev.userservice.domain;

import java.time.Instant;

/**
 * The instants every store can hold: the years 1 to 9999 (PostgreSQL's {@code timestamptz} ends
 * in the year 294276, Java's {@code Instant} goes further). Filters and cursors refuse the rest,
 * so no adapter meets a time it cannot store or compare.
 */
public final class StoredInstants {

  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private StoredInstants() {}

  /** Whether every store can hold {@code instant}. */
  public static boolean holds(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  /**
   * Checks the optional time range of a listing filter: each end storable, {@code before} later
   * than {@code after}; reported against the query parameters' names.
   */
  public static void checkRange(FieldErrors errors, Instant after, Instant before) {
    boolean inRange = true;
    if (after != null && !holds(after)) {
      errors.reject("created_after", "must be between the years 1 and 9999");
      inRange = false;
    }
    if (before != null && !holds(before)) {
      errors.reject("created_before", "must be between the years 1 and 9999");
      inRange = false;
    }
    if (inRange && after != null && before != null && !after.isBefore(before)) {
      errors.reject("created_before", "must be later than created_after");
    }
  }
}
