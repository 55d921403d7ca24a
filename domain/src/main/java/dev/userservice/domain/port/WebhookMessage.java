package dev.userservice.domain.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a webhook delivery says: the JSON body {@code {"type", "timestamp", "data"}} under the
 * message id {@code id} (the same on every try of one delivery, so a receiver can drop repeats).
 * Never a secret.
 *
 * @param timestamp when the event happened
 * @param data the event's fields, by snake_case name
 */
public record WebhookMessage(String id, String type, Instant timestamp, Map<String, String> data) {

  public WebhookMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    data = Map.copyOf(data);
  }
}
