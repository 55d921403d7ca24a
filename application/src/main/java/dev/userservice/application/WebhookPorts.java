package dev.userservice.application;

import dev.userservice.domain.port.SecretBox;
import dev.userservice.domain.port.WebhookEndpoints;
import dev.userservice.domain.port.WebhookOutbox;
import dev.userservice.domain.port.WebhookSender;
import java.util.Objects;

/**
 * The adapters webhooks use: endpoints and outbox, which must share the store of the audit trail
 * (events are queued in the transaction that records them), the HTTP sender, and the box that
 * seals signing secrets (every instance must share its key).
 */
public record WebhookPorts(WebhookEndpoints endpoints, WebhookOutbox outbox,
    WebhookSender sender, SecretBox secrets) {

  public WebhookPorts {
    Objects.requireNonNull(endpoints, "endpoints");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(secrets, "secrets");
  }
}
