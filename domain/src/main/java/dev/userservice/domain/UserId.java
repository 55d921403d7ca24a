package dev.userservice.domain;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A user's identity: a time-ordered UUID (version 7), so ids sort roughly by creation. */
public record UserId(UUID value) {

  private static final Pattern CANONICAL = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  public UserId {
    Objects.requireNonNull(value, "value");
  }

  /**
   * A new version-7 UUID: 48 bits of Unix milliseconds, then bits of {@code random} (16 bytes
   * from a secure random source).
   */
  public static UserId generate(Instant now, byte[] random) {
    if (random.length != 16) {
      throw new IllegalArgumentException("a version-7 UUID needs 16 random bytes");
    }
    ByteBuffer bytes = ByteBuffer.wrap(random);
    long millis = now.toEpochMilli();
    long high = (millis << 16) | 0x7000L | (bytes.getLong(0) & 0x0FFFL);
    long low = (bytes.getLong(8) & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UserId(new UUID(high, low));
  }

  /** Parses the canonical text form; anything else is invalid input for {@code field}. */
  public static UserId parse(String text, String field) {
    // UUID.fromString alone also takes signs, short groups and non-ASCII digits ("+", U+0966).
    if (text == null || !CANONICAL.matcher(text).matches()) {
      throw InvalidInputException.of(field, "must be a UUID");
    }
    return new UserId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
