package dev.userservice.domain.port;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sends webhook messages over HTTP, signed per the Standard Webhooks specification. Thread-safe.
 * It guards against server-side request forgery: a URL whose scheme is not allowed, or whose host
 * resolves to an address that is not public (loopback, link-local, private, unique-local,
 * multicast, unspecified), is refused, unless configured otherwise.
 */
public interface WebhookSender {

  /** Why {@code url} may not be a target now (resolving its host), or empty when it may. */
  Optional<String> refusal(URI url);

  /**
   * POSTs {@code message} to {@code url}, signed at {@code now} with each of {@code secrets}
   * ({@code whsec_...}), checking the target as {@link #refusal} does first. Never follows a
   * redirect; bounded in time; reads at most a small part of the answer. Never throws for what
   * the receiver or the network does.
   */
  WebhookResponse send(URI url, WebhookMessage message, List<String> secrets, Instant now);
}
