package dev.userservice.application;

import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.StoredInstants;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** The opaque cursor format of {@link ListUsers}. */
final class UserListing {

  private UserListing() {}

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
      if (!StoredInstants.holds(at)) {
        throw new IllegalArgumentException("not a storable instant");
      }
      return new UserCursor(at, new UserId(UUID.fromString(parts[2])));
    } catch (RuntimeException e) {
      throw InvalidInputException.of("cursor", "is not a cursor this service issued");
    }
  }
}
