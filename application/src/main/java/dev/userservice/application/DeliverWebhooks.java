package dev.userservice.application;

import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.QueuedDelivery;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.WebhookEndpoints;
import dev.userservice.domain.port.WebhookMessage;
import dev.userservice.domain.port.WebhookOutbox;
import dev.userservice.domain.port.WebhookResponse;
import dev.userservice.domain.port.WebhookSender;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends what is due in the webhook outbox, with retries, exponential backoff and jitter. Run by a
 * worker; several may run, on several instances.
 */
@Singleton
public final class DeliverWebhooks {

  /** What one {@link #deliverDue()} did. */
  public record Outcome(int delivered, int failed, int abandoned) {}

  static final String UNREADABLE = "the signing secret cannot be decrypted: was SECRET_KEY_FILE"
      + " replaced? Rotate the endpoint's secret";

  private final WebhookOutbox outbox;
  private final WebhookEndpoints endpoints;
  private final WebhookSender sender;
  private final Webhooks webhooks;
  private final RandomSource random;
  private final Clock clock;
  private final WebhookSettings settings;
  private final Events events;

  @Inject
  DeliverWebhooks(WebhookOutbox outbox, WebhookEndpoints endpoints, WebhookSender sender,
      Webhooks webhooks, RandomSource random, Clock clock, WebhookSettings settings,
      Events events) {
    this.outbox = outbox;
    this.endpoints = endpoints;
    this.sender = sender;
    this.webhooks = webhooks;
    this.random = random;
    this.clock = clock;
    this.settings = settings;
    this.events = events;
  }

  /**
   * Claims the deliveries that are due and tries each once. A 2xx answer delivers it. A network
   * error, a timeout, a refused target, a 408, 429 or 5xx is retried later ({@code
   * firstRetryDelay} doubled per earlier try, capped, with jitter; a longer {@code Retry-After}
   * wins, up to the cap), until {@code maxAttempts} tries; any other answer gives it up at once.
   * Every failure counts against the endpoint, which is disabled once all its attempts have
   * failed for {@code disableAfter} ({@code webhook_disabled} is stored with that change).
   * Deliveries still unsent when half the lease has passed are left to be claimed again.
   *
   * @throws UnavailableException when the outbox itself cannot be reached
   */
  public Outcome deliverDue() {
    Instant claimed = clock.now();
    List<QueuedDelivery> due = outbox.claim(settings.batchSize(), claimed, settings.lease());
    // Past half its lease a delivery is left for the next claim: sent later, it could overlap a
    // send by whoever claims it once the lease is over.
    Instant sendBy = claimed.plus(settings.lease().dividedBy(2));
    int delivered = 0;
    int failed = 0;
    int abandoned = 0;
    for (QueuedDelivery delivery : due) {
      if (clock.now().isAfter(sendBy)) {
        break;
      }
      switch (attempt(delivery)) {
        case DELIVERED -> delivered++;
        case FAILED -> failed++;
        case ABANDONED -> abandoned++;
      }
    }
    return new Outcome(delivered, failed, abandoned);
  }

  private enum Result { DELIVERED, FAILED, ABANDONED }

  private Result attempt(QueuedDelivery delivery) {
    List<String> secrets;
    try {
      secrets = webhooks.open(delivery);
    } catch (IllegalArgumentException unreadable) {
      outbox.markAbandoned(delivery.id(), null, UNREADABLE, clock.now());
      return Result.ABANDONED;
    }
    WebhookResponse response = sender.send(delivery.url(), messageOf(delivery), secrets,
        clock.now());
    Instant now = clock.now();
    if (response instanceof WebhookResponse.Accepted accepted) {
      outbox.markDelivered(delivery.id(), accepted.status(), now);
      endpoints.recordSuccess(delivery.endpoint());
      return Result.DELIVERED;
    }
    Integer status = null;
    Duration retryAfter = null;
    boolean retryable = true;
    String error;
    if (response instanceof WebhookResponse.Rejected rejected) {
      status = rejected.status();
      retryAfter = rejected.retryAfter();
      retryable = status >= 500 || status == 429 || status == 408;
      error = "answered " + status;
    } else {
      error = ((WebhookResponse.Unreachable) response).error();
    }
    var disabled = new UserEvent.WebhookDisabled(UserEvent.Meta.bySystem(now, null),
        delivery.endpoint(),
        "every attempt failed for " + settings.disableAfter() + "; last: " + error);
    if (endpoints.recordFailure(delivery.endpoint(), now, settings.disableAfter(), disabled)) {
      events.announce(disabled);
    }
    if (!retryable || delivery.attempts() + 1 >= settings.maxAttempts()) {
      outbox.markAbandoned(delivery.id(), status, error, now);
      return Result.ABANDONED;
    }
    outbox.markFailed(delivery.id(), status, error, now,
        now.plus(delay(delivery.attempts() + 1, retryAfter)));
    return Result.FAILED;
  }

  /**
   * The wait before the next try: the backoff with jitter (between half and all of it), or the
   * receiver's {@code Retry-After} when longer; never beyond {@code maxRetryDelay}.
   */
  Duration delay(int failures, Duration retryAfter) {
    Duration backoff = settings.firstRetryDelay().multipliedBy(1L << Math.min(failures - 1, 20));
    if (backoff.compareTo(settings.maxRetryDelay()) > 0) {
      backoff = settings.maxRetryDelay();
    }
    long halfMillis = Math.max(1, backoff.toMillis() / 2);
    Duration delay = Duration.ofMillis(halfMillis
        + random.nextInt((int) Math.min(Integer.MAX_VALUE, halfMillis + 1)));
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay = retryAfter;
    }
    return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
  }

  /** The message of a delivery; its id is the same on every try. */
  static WebhookMessage messageOf(QueuedDelivery delivery) {
    String id = "msg_" + delivery.id();
    if (delivery.isPing()) {
      return new WebhookMessage(id, "ping", delivery.createdAt(),
          Map.of("webhook_id", delivery.endpoint().toString()));
    }
    AuditEntry event = delivery.event();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("event_id", Long.toString(event.id()));
    if (event.subject() != null) {
      data.put("user_id", event.subject().toString());
    }
    data.put("actor", event.actor().kind().wireName());
    if (event.actor().id() != null) {
      data.put("actor_id", event.actor().id().toString());
    }
    event.details().forEach(data::putIfAbsent);
    return new WebhookMessage(id, event.type().wireName(), event.at(), data);
  }
}
