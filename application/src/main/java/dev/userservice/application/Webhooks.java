package dev.userservice.application;

import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.port.QueuedDelivery;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.SecretBox;
import dev.userservice.domain.port.WebhookEndpoint;
import dev.userservice.domain.port.WebhookEndpoints;
import dev.userservice.domain.port.WebhookSender;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * What the webhook use cases share: signing secrets in the Standard Webhooks form
 * ({@code whsec_} and 24 random bytes in base64), sealed at rest under the service's secret and
 * bound to the endpoint's id; the target check; the lookup of an endpoint.
 */
@Singleton
final class Webhooks {

  static final String PREFIX = "whsec_";
  private static final int SECRET_BYTES = 24;

  private final RandomSource random;
  private final SecretBox box;
  private final WebhookSender sender;
  private final WebhookEndpoints endpoints;

  /** A new secret, as shown once, and as stored. */
  record Fresh(String secret, byte[] sealed) {}

  @Inject
  Webhooks(RandomSource random, SecretBox box, WebhookSender sender,
      WebhookEndpoints endpoints) {
    this.random = random;
    this.box = box;
    this.sender = sender;
    this.endpoints = endpoints;
  }

  Fresh generate(WebhookId id) {
    String secret = PREFIX + Base64.getEncoder().encodeToString(random.bytes(SECRET_BYTES));
    return new Fresh(secret, box.seal(secret.getBytes(StandardCharsets.UTF_8), context(id)));
  }

  /**
   * The delivery's secrets in clear.
   *
   * @throws IllegalArgumentException when one cannot be opened (the service's secret changed)
   */
  List<String> open(QueuedDelivery delivery) {
    return delivery.sealedSecrets().stream()
        .map(sealed -> new String(box.open(sealed, context(delivery.endpoint())),
            StandardCharsets.UTF_8))
        .toList();
  }

  /** @throws InvalidInputException when the sender would refuse {@code url} */
  void requireAllowed(URI url) {
    sender.refusal(url).ifPresent(reason -> {
      throw InvalidInputException.of("url", reason);
    });
  }

  WebhookEndpoint existing(WebhookId id) {
    return endpoints.find(id).orElseThrow(() -> new NotFoundException("no webhook " + id));
  }

  private static byte[] context(WebhookId id) {
    return ("webhook-secret:" + id).getBytes(StandardCharsets.UTF_8);
  }
}
