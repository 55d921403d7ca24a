package dev.userservice.application;

import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.StoredInstants;
import dev.userservice.domain.port.AuditCursor;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

/** The opaque cursor of audit pages and their limits, shared by the two listings. */
final class AuditListing {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private AuditListing() {}

  static void requireLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.of("limit", "must be between 1 and " + MAX_LIMIT);
    }
  }

  static String encode(AuditCursor cursor) {
    Instant at = cursor.at();
    String raw = "a:" + at.getEpochSecond() + ":" + at.getNano() + ":" + cursor.id();
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  static AuditCursor decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      String[] parts = raw.split(":", 4);
      if (!parts[0].equals("a")) {
        throw new IllegalArgumentException("not an audit cursor");
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      if (!StoredInstants.holds(at)) {
        throw new IllegalArgumentException("not a storable instant");
      }
      return new AuditCursor(at, Long.parseLong(parts[3]));
    } catch (RuntimeException e) {
      throw InvalidInputException.of("cursor", "is not a cursor this service issued");
    }
  }

  /** One page of entries and the opaque cursor of the next one, {@code null} on the last page. */
  static <P> P page(AuditPage page, BiFunction<List<AuditEntry>, String, P> of) {
    return of.apply(page.items(), page.next().map(AuditListing::encode).orElse(null));
  }
}
