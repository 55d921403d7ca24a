package dev.userservice.adapter.webhooks;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are sent.
 *
 * @param allowHttp whether plain {@code http://} targets are allowed ({@code start} allows only
 *     {@code https://} unless {@code WEBHOOK_ALLOW_HTTP=true})
 * @param allowPrivate whether targets may resolve to addresses that are not public (loopback,
 *     private, link-local, ...): off, against server-side request forgery, unless
 *     {@code WEBHOOK_ALLOW_PRIVATE=true}
 * @param timeout the bound of one attempt, connecting and waiting for the answer's head
 */
public record WebhookSenderSettings(boolean allowHttp, boolean allowPrivate, Duration timeout) {

  public WebhookSenderSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  public static WebhookSenderSettings defaults() {
    return new WebhookSenderSettings(false, false, Duration.ofSeconds(10));
  }
}
