package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import dev.userservice.adapter.webhooks.WebhookReceiver.Answer;
import dev.userservice.adapter.webhooks.WebhookReceiver.Received;
import dev.userservice.adapter.webhooks.WebhookReceiver;
import dev.userservice.adapter.webhooks.WebhookSenderSettings;
import dev.userservice.domain.Actor;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.QueuedDelivery;
import dev.userservice.domain.port.WebhookDelivery;
import dev.userservice.domain.port.WebhookEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end through the use cases: the in-memory stores, the JDK sender and a real
 * HTTP receiver on loopback; the signatures are checked with the Standard Webhooks project's
 * own Java verifier.
 */
class WebhooksTest {

  private static final WebhookSettings SETTINGS = new WebhookSettings(4, Duration.ofSeconds(10),
      Duration.ofMinutes(10), Duration.ofMinutes(1), 20, Duration.ofHours(1),
      Duration.ofHours(24));

  private final ServiceFixture fx =
      new ServiceFixture(SETTINGS, ServiceFixture.LOOPBACK_SENDER);
  private final UserService service = fx.service;
  private final WebhookReceiver receiver = new WebhookReceiver();
  private Actor admin;

  @BeforeEach
  void setUp() {
    // The verifier checks the signed timestamp against the real clock.
    fx.clock.set(Instant.now());
    admin = fx.admin();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private RegisterWebhook.Registered register(String... types) {
    return service.registerWebhook().register(RegisterWebhook.Command.parse(admin,
        receiver.url("/hook").toString(), List.of(types), "CRM", null));
  }

  private DeliverWebhooks.Outcome deliver() {
    return service.deliverWebhooks().deliverDue();
  }

  private static void verify(String secret, Received request) throws Exception {
    new Webhook(secret).verify(request.body(), request.headers());
  }

  @Test
  void anAdministratorRegistersAnEndpoint_theSecretIsShownOnce_andTheEventRecorded() {
    RegisterWebhook.Registered registered = register("registered");

    assertThat(registered.secret()).startsWith("whsec_").hasSizeGreaterThan(30);
    WebhookEndpoint endpoint = registered.endpoint();
    assertThat(endpoint.enabled()).isTrue();
    assertThat(endpoint.types()).containsExactly(EventType.REGISTERED);
    assertThat(service.listWebhooks().list(admin)).containsExactly(endpoint);
    assertThat(service.getWebhook().get(admin, endpoint.id())).isEqualTo(endpoint);
    assertThat(endpoint.toString()).doesNotContain(registered.secret());
    UserEvent.WebhookCreated created = fx.last(UserEvent.WebhookCreated.class);
    assertThat(created.webhook()).isEqualTo(endpoint.id());
    assertThat(created.meta().actor().id()).isEqualTo(admin.id());
    assertThat(fx.auditTrail.entries().get(0).type()).isEqualTo(EventType.WEBHOOK_CREATED);
  }

  @Test
  void onlyAnAdministratorManagesWebhooks() {
    WebhookId id = register().endpoint().id();
    Actor user = fx.verifiedUser("ada@example.com");

    assertThatThrownBy(() -> service.registerWebhook().register(RegisterWebhook.Command.parse(
        user, receiver.url("/x").toString(), null, null, null)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.listWebhooks().list(user))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.getWebhook().get(user, id))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.editWebhook().edit(
        EditWebhook.Command.parse(user, id, null, null, null, false, null)))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.deleteWebhook().delete(user, id, null))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.rotateWebhookSecret().rotate(user, id, null))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.testWebhook().ping(user, id))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.listWebhookDeliveries().list(user, id, null, 20))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.redeliverWebhook().redeliver(user, id, 1))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void invalidInputIsRefusedNamingEveryField() {
    assertThatThrownBy(() -> RegisterWebhook.Command.parse(admin, "ftp://example.com/x",
        List.of("no_such_type"), "x".repeat(501), null))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.errors()).extracting(error -> error.field())
                .containsExactly("url", "event_types", "description"));
    assertThatThrownBy(() -> service.getWebhook().get(admin, new WebhookId(UUID.randomUUID())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anEventIsDeliveredOnce_signedSoTheStandardWebhooksVerifierAcceptsIt() throws Exception {
    String secret = register("registered").secret();
    var ada = fx.registered("ada@example.com");

    assertThat(deliver().delivered()).isEqualTo(1);
    assertThat(deliver().delivered()).isZero();

    Received request = receiver.received().get(0);
    verify(secret, request);
    assertThat(request.header("webhook-id")).startsWith("msg_");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.body()).contains("\"type\":\"registered\"")
        .contains("\"user_id\":\"" + ada.id() + "\"")
        .contains("\"email\":\"ada@example.com\"")
        .contains("\"timestamp\":\"");
    assertThatThrownBy(() -> new Webhook("whsec_" + "A".repeat(32)).verify(request.body(),
        request.headers())).isInstanceOf(Exception.class);
  }

  @Test
  void aCrashBetweenSendAndMark_sendsTheMessageAgainUnderItsId_forTheReceiverToDrop() {
    register("registered");
    fx.registered("ada@example.com");
    // A worker claims and sends, then dies before it records the outcome.
    QueuedDelivery claimed = fx.webhooks.claim(10, fx.clock.now(), SETTINGS.lease()).get(0);
    List<String> secrets = new Webhooks(fx.random, fx.webhookPorts().secrets(),
        fx.webhookSender, fx.webhooks).open(claimed);
    fx.webhookSender.send(claimed.url(), DeliverWebhooks.messageOf(claimed), secrets,
        fx.clock.now());
    assertThat(deliver().delivered()).as("leased by the dead worker").isZero();

    fx.passes(SETTINGS.lease());
    assertThat(deliver().delivered()).isEqualTo(1);

    List<String> ids = receiver.received().stream().map(r -> r.header("webhook-id")).toList();
    assertThat(ids).hasSize(2);
    assertThat(Set.copyOf(ids)).as("what a receiver deduplicating on webhook-id keeps")
        .hasSize(1);
  }

  @Test
  void only_theTypesAnEndpointReceives_areQueuedForIt() {
    register("user_deleted");
    fx.registered("ada@example.com");

    assertThat(deliver().delivered()).isZero();
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void a500IsRetriedWithGrowingDelays_thenDelivered() {
    register("registered");
    receiver.answer(Answer.status(500), Answer.status(503));
    fx.registered("ada@example.com");

    assertThat(deliver().failed()).isEqualTo(1);
    WebhookDelivery first = onlyDelivery();
    assertThat(first.lastResponseStatus()).isEqualTo(500);
    Duration firstDelay = Duration.between(first.lastAttemptAt(), first.nextAttemptAt());
    assertThat(firstDelay).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(deliver().delivered()).as("not due yet").isZero();

    fx.passes(firstDelay);
    assertThat(deliver().failed()).isEqualTo(1);
    WebhookDelivery second = onlyDelivery();
    assertThat(Duration.between(second.lastAttemptAt(), second.nextAttemptAt()))
        .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));

    fx.passes(Duration.ofSeconds(20));
    assertThat(deliver().delivered()).isEqualTo(1);
    assertThat(onlyDelivery().status()).isEqualTo("delivered");
    assertThat(onlyDelivery().attempts()).isEqualTo(3);
    assertThat(receiver.received()).hasSize(3).extracting(r -> r.header("webhook-id"))
        .containsOnly(receiver.received().get(0).header("webhook-id"));
  }

  @Test
  void a429IsRetriedNoSoonerThanItsRetryAfter() {
    register("registered");
    receiver.answer(Answer.status(429, "Retry-After", "120"));
    fx.registered("ada@example.com");

    deliver();
    WebhookDelivery delivery = onlyDelivery();
    assertThat(Duration.between(delivery.lastAttemptAt(), delivery.nextAttemptAt()))
        .isEqualTo(Duration.ofSeconds(120));
    fx.passes(Duration.ofSeconds(119));
    assertThat(deliver().delivered()).isZero();
    fx.passes(Duration.ofSeconds(1));
    assertThat(deliver().delivered()).isEqualTo(1);
  }

  @Test
  void aTimeoutAndARefusedConnectionAreRetried() {
    register("registered");
    receiver.answer(Answer.silentFor(Duration.ofSeconds(2)));
    fx.registered("ada@example.com");

    assertThat(deliver().failed()).isEqualTo(1);
    assertThat(onlyDelivery().lastError()).contains("no answer within");
    assertThat(onlyDelivery().lastResponseStatus()).isNull();

    receiver.stop();
    fx.passes(Duration.ofMinutes(1));
    assertThat(deliver().failed()).isEqualTo(1);
    assertThat(onlyDelivery().lastError()).contains("ConnectException");

    receiver.restart();
    fx.passes(Duration.ofMinutes(1));
    assertThat(deliver().delivered()).isEqualTo(1);
  }

  @Test
  void anotherClientErrorGivesUp_andSoDoesTheLastAllowedAttempt() {
    register("registered");
    receiver.answer(Answer.status(400));
    fx.registered("ada@example.com");
    assertThat(deliver().abandoned()).isEqualTo(1);
    assertThat(onlyDelivery().status()).isEqualTo("abandoned");

    receiver.answer(Answer.status(500), Answer.status(500), Answer.status(500),
        Answer.status(500));
    fx.registered("bob@example.com");
    for (int i = 0; i < SETTINGS.maxAttempts(); i++) {
      deliver();
      fx.passes(SETTINGS.maxRetryDelay());
    }
    assertThat(receiver.received()).hasSize(1 + SETTINGS.maxAttempts());
    assertThat(deliveries()).extracting(WebhookDelivery::status)
        .containsExactly("abandoned", "abandoned");
  }

  @Test
  void anEndpointThatFailsForTheWholeDisablePeriodIsDisabled_withTheReason_untilEnabledAgain() {
    WebhookId id = register("registered", "profile_updated").endpoint().id();
    receiver.stop();
    fx.registered("ada@example.com");
    deliver();
    fx.passes(Duration.ofMinutes(30));
    fx.registered("bob@example.com");
    deliver();
    assertThat(service.getWebhook().get(admin, id).enabled()).isTrue();

    fx.passes(Duration.ofMinutes(31));
    deliver();
    WebhookEndpoint disabled = service.getWebhook().get(admin, id);
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.disabledReason()).contains("every attempt failed for PT1H");
    assertThat(disabled.consecutiveFailures()).isGreaterThanOrEqualTo(3);
    UserEvent.WebhookDisabled event = fx.last(UserEvent.WebhookDisabled.class);
    assertThat(event.webhook()).isEqualTo(id);
    assertThat(event.meta().actor().kind()).isEqualTo(Initiator.Kind.SYSTEM);
    assertThat(event.reason()).isEqualTo(disabled.disabledReason());

    // Nothing is sent or queued while disabled; the pending deliveries wait.
    receiver.restart();
    fx.registered("carol@example.com");
    fx.passes(Duration.ofHours(1));
    assertThat(deliver().delivered()).isZero();

    service.editWebhook().edit(EditWebhook.Command.parse(admin, id, null, null, null, true,
        null));
    assertThat(fx.last(UserEvent.WebhookUpdated.class).fields()).containsExactly("enabled");
    assertThat(deliver().delivered()).isEqualTo(2);
    WebhookEndpoint enabled = service.getWebhook().get(admin, id);
    assertThat(enabled.disabledReason()).isNull();
    assertThat(enabled.consecutiveFailures()).isZero();
  }

  @Test
  void aUsersEventsReachAnEndpointInOrder_aLaterOneWaitingBehindAnEarliersRetries() {
    register("registered", "profile_updated");
    receiver.answer(Answer.status(503));
    Actor ada = fx.verifiedUser("ada@example.com");
    fx.registered("bob@example.com");
    deliver(); // ada's registration fails; bob's goes
    service.editUser().edit(EditUser.Command.parse(ada, ada.id(),
        FieldUpdate.to("Ada"), null, null, null, null, null, null, null, null, null));

    assertThat(deliver().delivered()).as("ada's update waits for her registration").isZero();
    fx.passes(SETTINGS.maxRetryDelay());
    assertThat(deliver().delivered()).isEqualTo(1);
    assertThat(deliver().delivered()).isEqualTo(1);
    List<String> types = receiver.received().stream()
        .filter(r -> r.body().contains(ada.id().toString()))
        .map(r -> r.body().replaceAll(".*\"type\":\"([a-z_]+)\".*", "$1"))
        .toList();
    assertThat(types).containsExactly("registered", "registered", "profile_updated");
  }

  @Test
  void afterARotation_bothSecretsSign_untilTheGracePeriodEnds() throws Exception {
    RegisterWebhook.Registered registered = register("registered");
    WebhookId id = registered.endpoint().id();
    RotateWebhookSecret.Rotated rotated =
        service.rotateWebhookSecret().rotate(admin, id, null);
    assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(registered.secret());
    assertThat(rotated.previousValidUntil()).isEqualTo(fx.clock.now().plus(Duration.ofHours(24)));
    assertThat(fx.last(UserEvent.WebhookSecretRotated.class).webhook()).isEqualTo(id);

    fx.registered("ada@example.com");
    deliver();
    Received during = receiver.received().get(0);
    assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
    verify(rotated.secret(), during);
    verify(registered.secret(), during);

    // Past the grace period the verifier would refuse the timestamp as stale, so the one
    // signature left is compared with what the project's library signs.
    fx.clock.set(rotated.previousValidUntil().plusSeconds(1));
    service.testWebhook().ping(admin, id);
    deliver();
    Received after = receiver.received().get(1);
    assertThat(after.header("webhook-signature")).isEqualTo(new Webhook(rotated.secret()).sign(
        after.header("webhook-id"), Long.parseLong(after.header("webhook-timestamp")),
        after.body()));
  }

  @Test
  void aPing_theHistory_andARedelivery() throws Exception {
    RegisterWebhook.Registered registered = register("registered");
    WebhookId id = registered.endpoint().id();
    long ping = service.testWebhook().ping(admin, id);
    deliver();
    Received request = receiver.received().get(0);
    verify(registered.secret(), request);
    assertThat(request.body()).contains("\"type\":\"ping\"").contains(id.toString());

    for (int i = 0; i < 3; i++) {
      fx.registered("user" + i + "@example.com");
    }
    deliver();
    ListWebhookDeliveries.Page first = service.listWebhookDeliveries().list(admin, id, null, 3);
    assertThat(first.items()).hasSize(3).allMatch(d -> d.status().equals("delivered"));
    ListWebhookDeliveries.Page second =
        service.listWebhookDeliveries().list(admin, id, first.nextCursor(), 3);
    assertThat(second.items()).extracting(WebhookDelivery::id).containsExactly(ping);
    assertThat(second.nextCursor()).isNull();

    service.redeliverWebhook().redeliver(admin, id, ping);
    assertThat(deliver().delivered()).isEqualTo(1);
    assertThat(receiver.received().get(4).header("webhook-id"))
        .isEqualTo(request.header("webhook-id"));
    assertThatThrownBy(() -> service.redeliverWebhook().redeliver(admin, id, 999_999))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void editsAndDeletionAreStoredWithTheirEvents() {
    WebhookId id = register().endpoint().id();
    WebhookEndpoint edited = service.editWebhook().edit(EditWebhook.Command.parse(admin, id,
        receiver.url("/v2").toString(), List.of("user_deleted"), "billing", null, null));
    assertThat(edited.url()).isEqualTo(receiver.url("/v2"));
    assertThat(edited.types()).containsExactly(EventType.USER_DELETED);
    assertThat(fx.last(UserEvent.WebhookUpdated.class).fields())
        .containsExactly("url", "description", "event_types");
    assertThat(service.getWebhook().get(admin, id)).isEqualTo(edited);

    service.deleteWebhook().delete(admin, id, null);
    assertThat(fx.last(UserEvent.WebhookDeleted.class).webhook()).isEqualTo(id);
    assertThat(service.listWebhooks().list(admin)).isEmpty();
    assertThatThrownBy(() -> service.deleteWebhook().delete(admin, id, null))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void withTheDefaultSender_loopbackAndPrivateTargetsAreRefused() {
    ServiceFixture guarded = new ServiceFixture(SETTINGS,
        new WebhookSenderSettings(true, false, Duration.ofSeconds(1)));
    Actor root = guarded.admin();
    for (String url : List.of("http://127.0.0.1:8080/x", "http://localhost/x",
        "http://10.0.0.1/x", "http://192.168.1.1/x", "http://169.254.169.254/latest",
        "http://[::1]/x", "http://[fd00::1]/x", "http://0.0.0.0/x")) {
      assertThatThrownBy(() -> guarded.service.registerWebhook().register(
          RegisterWebhook.Command.parse(root, url, null, null, null)))
          .as(url)
          .isInstanceOfSatisfying(InvalidInputException.class, e ->
              assertThat(e.errors().get(0).message()).contains("not public"));
    }
    assertThat(guarded.service.listWebhooks().list(root)).isEmpty();
    // A public address (a literal: no name to resolve) is allowed.
    assertThat(guarded.service.registerWebhook().register(RegisterWebhook.Command.parse(root,
        "http://93.184.215.14/x", null, null, null)).endpoint().enabled()).isTrue();
  }

  private List<WebhookDelivery> deliveries() {
    WebhookId id = service.listWebhooks().list(admin).get(0).id();
    return service.listWebhookDeliveries().list(admin, id, null, 100).items();
  }

  private WebhookDelivery onlyDelivery() {
    List<WebhookDelivery> all = deliveries();
    assertThat(all).hasSize(1);
    return all.get(0);
  }
}
