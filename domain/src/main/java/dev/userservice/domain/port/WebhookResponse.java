package dev.userservice.domain.port;

import java.time.Duration;

/** How a receiver answered one webhook attempt. */
public sealed interface WebhookResponse {

  /** A 2xx status: the message was received. */
  record Accepted(int status) implements WebhookResponse {}

  /**
   * Any other status (redirects are not followed).
   *
   * @param retryAfter the receiver's {@code Retry-After}, when it sent one
   */
  record Rejected(int status, Duration retryAfter) implements WebhookResponse {}

  /**
   * No answer: the target was refused (its address is not allowed), could not be reached, or
   * did not answer in time.
   */
  record Unreachable(String error) implements WebhookResponse {}
}
