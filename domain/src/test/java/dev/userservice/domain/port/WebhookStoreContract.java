package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Actor;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Race.Outcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every pair of {@link WebhookEndpoints} and {@link WebhookOutbox} adapters must do, with the
 * {@link AuditTrail} whose events they queue. An adapter's test extends this class and supplies
 * {@link #newStore()}. Time starts at the real current time and only moves forward.
 */
public abstract class WebhookStoreContract {

  /** The three adapters over one store. */
  public record Store(WebhookEndpoints endpoints, WebhookOutbox outbox, AuditTrail trail) {}

  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final Actor ADMIN = new Actor(new UserId(UUID.randomUUID()), Role.ADMIN,
      new SessionId("AAAAAAAAAAAAAAAAAAAAAA"));

  private WebhookEndpoints endpoints;
  private WebhookOutbox outbox;
  private AuditTrail trail;
  private Instant t0;

  /** Called before every test; a database-backed store is emptied here. */
  protected abstract Store newStore();

  @BeforeEach
  void freshStore() {
    Store store = newStore();
    endpoints = store.endpoints();
    outbox = store.outbox();
    trail = store.trail();
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private WebhookEndpoint endpoint(EventType... types) {
    WebhookEndpoint endpoint = WebhookEndpoint.register(
        WebhookId.generate(t0, UUID.randomUUID().toString().substring(0, 16)
            .getBytes(StandardCharsets.US_ASCII)),
        URI.create("https://hooks.example.com/" + UUID.randomUUID()), "test", Set.of(types), t0);
    endpoints.insert(endpoint, ("sealed-" + endpoint.id()).getBytes(StandardCharsets.UTF_8),
        created(endpoint.id()));
    return endpoint;
  }

  private UserEvent created(WebhookId id) {
    return new UserEvent.WebhookCreated(UserEvent.Meta.byAdmin(t0, ADMIN, RequestContext.NONE),
        id);
  }

  private static UserEvent loggedOut(UserId user, Instant at) {
    return new UserEvent.LoggedOut(UserEvent.Meta.bySelf(at, user, null, RequestContext.NONE));
  }

  private List<QueuedDelivery> claim(Instant now) {
    return outbox.claim(100, now, LEASE);
  }

  @Test
  void anEndpointsWrites_recordTheirEventsInTheTrail() {
    WebhookEndpoint endpoint = endpoint(EventType.LOGGED_OUT);
    WebhookEndpoint edited = endpoint.edited(endpoint.url(), "billing", Set.of(), false, t0);
    endpoints.update(edited, new UserEvent.WebhookUpdated(
        UserEvent.Meta.byAdmin(t0, ADMIN, RequestContext.NONE), endpoint.id(),
        List.of("description")));

    assertThat(endpoints.find(endpoint.id())).contains(edited);
    assertThat(endpoints.list()).containsExactly(edited);
    assertThat(trail.list(AuditFilter.ANY, null, 10).items()).extracting(AuditEntry::type)
        .containsExactly(EventType.WEBHOOK_UPDATED, EventType.WEBHOOK_CREATED);
  }

  @Test
  void aRecordedEvent_isQueuedForEachEnabledEndpointThatReceivesItsType() {
    WebhookEndpoint logouts = endpoint(EventType.LOGGED_OUT);
    WebhookEndpoint everything = endpoint();
    WebhookEndpoint registrations = endpoint(EventType.REGISTERED);
    WebhookEndpoint off = endpoint();
    endpoints.update(off.edited(off.url(), "", Set.of(), false, t0), created(off.id()));
    UserId ada = new UserId(UUID.randomUUID());

    trail.record(List.of(loggedOut(ada, t0)));

    // The endpoint for every type also receives the webhook_* events of the others.
    List<QueuedDelivery> due = claim(t0).stream()
        .filter(delivery -> delivery.event().type() == EventType.LOGGED_OUT).toList();
    assertThat(due).extracting(QueuedDelivery::endpoint)
        .containsExactlyInAnyOrder(logouts.id(), everything.id());
    assertThat(due).allSatisfy(delivery -> {
      assertThat(delivery.event().type()).isEqualTo(EventType.LOGGED_OUT);
      assertThat(delivery.event().subject()).isEqualTo(ada);
      assertThat(delivery.attempts()).isZero();
      assertThat(delivery.isPing()).isFalse();
    });
    assertThat(outbox.deliveries(registrations.id(), null, 10)).isEmpty();
    assertThat(outbox.deliveries(off.id(), null, 10)).extracting(WebhookDelivery::type)
        .as("queued while it was enabled, before the logout").containsExactly("webhook_created");
  }

  @Test
  void aClaimedDelivery_isHiddenForTheLease_thenDueAgain_asAfterACrashBetweenSendAndMark() {
    WebhookEndpoint endpoint = endpoint(EventType.LOGGED_OUT);
    trail.record(List.of(loggedOut(new UserId(UUID.randomUUID()), t0)));

    QueuedDelivery first = claim(t0).get(0);
    assertThat(claim(t0.plusSeconds(1))).isEmpty();

    QueuedDelivery again = claim(t0.plus(LEASE)).get(0);
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.url()).isEqualTo(endpoint.url());
    assertThat(again.sealedSecrets()).hasSize(1);
  }

  @Test
  void outcomes_areRecorded_andAFinishedDeliveryIsNeverClaimedAgain() {
    WebhookEndpoint endpoint = endpoint(EventType.LOGGED_OUT);
    for (int i = 0; i < 3; i++) {
      trail.record(List.of(loggedOut(new UserId(UUID.randomUUID()), t0)));
    }
    List<QueuedDelivery> due = claim(t0);
    outbox.markDelivered(due.get(0).id(), 204, t0);
    outbox.markFailed(due.get(1).id(), 503, "answered 503", t0, t0.plusSeconds(30));
    outbox.markAbandoned(due.get(2).id(), 400, "answered 400", t0);

    assertThat(claim(t0.plusSeconds(29))).isEmpty();
    List<QueuedDelivery> retried = claim(t0.plusSeconds(30));
    assertThat(retried).extracting(QueuedDelivery::id).containsExactly(due.get(1).id());
    assertThat(retried.get(0).attempts()).isEqualTo(1);

    List<WebhookDelivery> history = outbox.deliveries(endpoint.id(), null, 10);
    assertThat(history).extracting(WebhookDelivery::status)
        .containsExactly("abandoned", "pending", "delivered");
    WebhookDelivery failed = history.get(1);
    assertThat(failed.lastResponseStatus()).isEqualTo(503);
    assertThat(failed.lastError()).isEqualTo("answered 503");
    assertThat(failed.nextAttemptAt()).isEqualTo(t0.plusSeconds(30));
    assertThat(history.get(2).nextAttemptAt()).isNull();
    assertThat(outbox.deliveries(endpoint.id(), history.get(1).id(), 10))
        .extracting(WebhookDelivery::id).containsExactly(history.get(2).id());
  }

  @Test
  void aUsersLaterDelivery_waitsWhileAnEarlierOneToTheSameEndpointIsPending() {
    WebhookEndpoint endpoint = endpoint(EventType.LOGGED_OUT);
    UserId ada = new UserId(UUID.randomUUID());
    UserId bob = new UserId(UUID.randomUUID());
    trail.record(List.of(loggedOut(ada, t0)));
    trail.record(List.of(loggedOut(ada, t0.plusMillis(1))));
    trail.record(List.of(loggedOut(bob, t0.plusMillis(2))));

    List<QueuedDelivery> first = claim(t0.plusSeconds(1));
    assertThat(first).extracting(d -> d.event().subject()).containsExactly(ada, bob);
    outbox.markDelivered(first.get(1).id(), 200, t0);
    outbox.markFailed(first.get(0).id(), 500, "answered 500", t0, t0.plusSeconds(60));
    assertThat(claim(t0.plusSeconds(2))).as("ada's second waits for her first").isEmpty();

    outbox.markAbandoned(claim(t0.plusSeconds(60)).get(0).id(), 500, "gave up", t0);
    List<QueuedDelivery> next = claim(t0.plusSeconds(61));
    assertThat(next).hasSize(1);
    assertThat(next.get(0).event().subject()).isEqualTo(ada);
    assertThat(outbox.deliveries(endpoint.id(), null, 10)).hasSize(3);
  }

  @Test
  void concurrentClaimers_neverReceiveTheSameDelivery() {
    endpoint(EventType.LOGGED_OUT);
    int deliveries = 40;
    for (int i = 0; i < deliveries; i++) {
      trail.record(List.of(loggedOut(new UserId(UUID.randomUUID()), t0)));
    }

    List<Outcome<List<QueuedDelivery>>> outcomes =
        Race.run(8, racer -> outbox.claim(10, t0, LEASE));

    Set<Long> claimed = new HashSet<>();
    int total = 0;
    for (Outcome<List<QueuedDelivery>> outcome : outcomes) {
      assertThat(outcome.succeeded()).as("%s", outcome.error()).isTrue();
      for (QueuedDelivery delivery : outcome.value()) {
        claimed.add(delivery.id());
        total++;
      }
    }
    assertThat(total).as("no delivery went to two claimers").isEqualTo(claimed.size());
    assertThat(claimed).hasSize(deliveries);
  }

  @Test
  void aDisabledEndpoints_deliveriesWait_andAreNotCountedAsLag() {
    WebhookEndpoint endpoint = endpoint(EventType.LOGGED_OUT);
    trail.record(List.of(loggedOut(new UserId(UUID.randomUUID()), t0)));
    assertThat(outbox.oldestPending()).contains(t0);
    endpoints.update(endpoint.edited(endpoint.url(), "", endpoint.types(), false, t0),
        created(endpoint.id()));

    assertThat(claim(t0)).isEmpty();
    assertThat(outbox.oldestPending()).isEmpty();

    endpoints.update(endpoint, created(endpoint.id()));
    assertThat(claim(t0)).hasSize(1);
  }

  @Test
  void aRunOfFailures_disablesTheEndpointOnceItLastedTheDisablePeriod_andASuccessEndsIt() {
    WebhookEndpoint endpoint = endpoint();
    Duration period = Duration.ofHours(1);

    assertThat(endpoints.recordFailure(endpoint.id(), t0, period, disabled(endpoint, "down")))
        .isFalse();
    assertThat(endpoints.recordFailure(endpoint.id(), t0.plusSeconds(3599), period,
        disabled(endpoint, "down"))).isFalse();
    endpoints.recordSuccess(endpoint.id());
    WebhookEndpoint healthy = endpoints.find(endpoint.id()).orElseThrow();
    assertThat(healthy.consecutiveFailures()).isZero();
    assertThat(healthy.failingSince()).isNull();

    assertThat(endpoints.recordFailure(endpoint.id(), t0.plusSeconds(4000), period,
        disabled(endpoint, "down"))).isFalse();
    assertThat(trail.list(new AuditFilter(null, null, Set.of(EventType.WEBHOOK_DISABLED), null,
        null), null, 10).items()).isEmpty();
    assertThat(endpoints.recordFailure(endpoint.id(), t0.plusSeconds(7600), period,
        disabled(endpoint, "gone"))).isTrue();
    WebhookEndpoint disabled = endpoints.find(endpoint.id()).orElseThrow();
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.disabledReason()).isEqualTo("gone");
    assertThat(disabled.consecutiveFailures()).isEqualTo(2);
    assertThat(disabled.failingSince()).isEqualTo(t0.plusSeconds(4000));
    assertThat(endpoints.recordFailure(endpoint.id(), t0.plusSeconds(8000), period,
        disabled(endpoint, "again"))).as("only the failure that disables says so").isFalse();
    assertThat(trail.list(new AuditFilter(null, null, Set.of(EventType.WEBHOOK_DISABLED), null,
        null), null, 10).items()).singleElement()
        .satisfies(entry -> assertThat(entry.details()).containsEntry("reason", "gone"));
  }

  private UserEvent.WebhookDisabled disabled(WebhookEndpoint endpoint, String reason) {
    return new UserEvent.WebhookDisabled(UserEvent.Meta.bySystem(t0, null), endpoint.id(),
        reason);
  }

  @Test
  void aRotatedOutSecret_isHandedOutBesideTheNewOne_untilItsTimeIsUp() {
    WebhookEndpoint endpoint = endpoint(EventType.LOGGED_OUT);
    byte[] fresh = "sealed-new".getBytes(StandardCharsets.UTF_8);
    endpoints.rotateSecret(endpoint.id(), fresh, t0.plusSeconds(60), t0,
        created(endpoint.id()));
    outbox.enqueuePing(endpoint.id(), t0);
    outbox.enqueuePing(endpoint.id(), t0);

    QueuedDelivery during = outbox.claim(1, t0, LEASE).get(0);
    assertThat(during.isPing()).isTrue();
    assertThat(during.sealedSecrets()).hasSize(2);
    assertThat(during.sealedSecrets().get(0)).isEqualTo(fresh);
    assertThat(during.sealedSecrets().get(1))
        .isEqualTo(("sealed-" + endpoint.id()).getBytes(StandardCharsets.UTF_8));

    QueuedDelivery after = outbox.claim(1, t0.plusSeconds(60), LEASE).get(0);
    assertThat(after.sealedSecrets()).hasSize(1);
    assertThat(after.sealedSecrets().get(0)).isEqualTo(fresh);
  }

  @Test
  void aRedelivery_makesAFinishedDeliveryDueAgain_withAFreshCount() {
    WebhookEndpoint endpoint = endpoint(EventType.LOGGED_OUT);
    long ping = outbox.enqueuePing(endpoint.id(), t0);
    outbox.markAbandoned(claim(t0).get(0).id(), 410, "answered 410", t0);
    assertThat(claim(t0.plusSeconds(1))).isEmpty();

    outbox.redeliver(endpoint.id(), ping, t0.plusSeconds(2));

    List<QueuedDelivery> due = claim(t0.plusSeconds(2));
    assertThat(due).extracting(QueuedDelivery::id).containsExactly(ping);
    assertThat(due.get(0).attempts()).isZero();
    assertThatThrownBy(() -> outbox.redeliver(endpoint.id(), ping + 1000, t0))
        .isInstanceOf(NotFoundException.class);
    WebhookEndpoint other = endpoint(EventType.LOGGED_OUT);
    assertThatThrownBy(() -> outbox.redeliver(other.id(), ping, t0))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void deletingAnEndpoint_removesItsDeliveries_andAnUnknownOneIsNotFound() {
    WebhookEndpoint endpoint = endpoint();
    outbox.enqueuePing(endpoint.id(), t0);
    endpoints.delete(endpoint.id(), created(endpoint.id()));

    assertThat(endpoints.find(endpoint.id())).isEmpty();
    assertThat(outbox.deliveries(endpoint.id(), null, 10)).isEmpty();
    assertThat(claim(t0)).isEmpty();
    assertThatThrownBy(() -> endpoints.delete(endpoint.id(), created(endpoint.id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> endpoints.update(endpoint, created(endpoint.id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> endpoints.rotateSecret(endpoint.id(), new byte[] {1}, t0, t0,
        created(endpoint.id()))).isInstanceOf(NotFoundException.class);
  }
}
