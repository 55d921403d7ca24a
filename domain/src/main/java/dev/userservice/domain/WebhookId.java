package dev.userservice.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A webhook endpoint's identity: a time-ordered UUID (version 7), like a {@link UserId}. */
public record WebhookId(UUID value) {

  public WebhookId {
    Objects.requireNonNull(value, "value");
  }

  /** A new id at {@code now} from 16 bytes of {@code random}. */
  public static WebhookId generate(Instant now, byte[] random) {
    return new WebhookId(UserId.generate(now, random).value());
  }

  /** Parses the canonical text form; anything else is invalid input for {@code field}. */
  public static WebhookId parse(String text, String field) {
    return new WebhookId(UserId.parse(text, field).value());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
