package dev.userservice.application;

import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Role;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Filter validation and the opaque cursor format shared by {@link ListUsers} and {@link CountUsers}. */
final class UserListing {

  // Every store can hold these instants (PostgreSQL's timestamptz ends in the year 294276).
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private UserListing() {}

  /** Builds a filter from optional raw values, naming the offending field on error. */
  static UserFilter filter(String emailContains, Role role, Boolean emailVerified,
      Instant createdAfter, Instant createdBefore) {
    String email = emailContains == null || emailContains.isBlank() ? null : emailContains.strip();
    if (email != null && email.length() > 254) {
      throw InvalidInputException.of("email", "must be at most 254 characters");
    }
    if (email != null && email.chars().anyMatch(Character::isISOControl)) {
      throw InvalidInputException.of("email", "must not contain control characters");
    }
    requireInRange(createdAfter, "created_after");
    requireInRange(createdBefore, "created_before");
    if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
      throw InvalidInputException.of("created_before", "must be later than created_after");
    }
    return new UserFilter(email, role, emailVerified, createdAfter, createdBefore);
  }

  static void requireInRange(Instant instant, String field) {
    if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
      throw InvalidInputException.of(field, "must be between the years 1 and 9999");
    }
  }

  static String encode(UserCursor cursor) {
    Instant at = cursor.createdAt();
    String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + cursor.id();
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  static UserCursor decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      String[] parts = raw.split(":", 3);
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      requireInRange(at, "cursor");
      return new UserCursor(at, new UserId(UUID.fromString(parts[2])));
    } catch (RuntimeException e) {
      throw InvalidInputException.of("cursor", "is not a cursor this service issued");
    }
  }
}
