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

  private UserListing() {}

  /** Builds a filter from optional raw values, naming the offending field on error. */
  static UserFilter filter(String emailContains, Role role, Boolean emailVerified,
      Instant createdAfter, Instant createdBefore) {
    String email = emailContains == null || emailContains.isBlank() ? null : emailContains.strip();
    if (email != null && email.length() > 254) {
      throw InvalidInputException.of("email", "must be at most 254 characters");
    }
    if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
      throw InvalidInputException.of("created_before", "must be later than created_after");
    }
    return new UserFilter(email, role, emailVerified, createdAfter, createdBefore);
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
      return new UserCursor(at, new UserId(UUID.fromString(parts[2])));
    } catch (RuntimeException e) {
      throw InvalidInputException.of("cursor", "is not a cursor this service issued");
    }
  }
}
