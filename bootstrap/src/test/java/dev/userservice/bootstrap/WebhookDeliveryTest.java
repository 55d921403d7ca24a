package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import dev.userservice.adapter.webhooks.WebhookReceiver.Received;
import dev.userservice.adapter.webhooks.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: the real service (PostgreSQL, its delivery job) POSTs to a real receiver
 * on loopback; the receiver checks each signature with the Standard Webhooks project's Java
 * verifier. Loopback is reachable only because these tests allow private targets.
 */
class WebhookDeliveryTest {

  private static final String PASSWORD = "correct horse battery";
  /** Mail goes to an SMTP port nobody listens on: only webhooks matter here. */
  private static final Map<String, String> ALLOWING_LOOPBACK = Map.of("WEBHOOK_ALLOW_HTTP", "true",
      "WEBHOOK_ALLOW_PRIVATE", "true", "FAKE_MAIL_ENABLED", "false");

  @Test
  void aRegistration_reachesTheReceiver_signed_andTheHistoryAndMetricsShowIt() throws Exception {
    try (RunningApp app = RunningApp.start(ALLOWING_LOOPBACK);
        WebhookReceiver receiver = new WebhookReceiver()) {
      String admin = EndToEndTest.adminToken(app);
      RunningApp.Reply created = app.post("/webhooks", admin, Map.of(
          "url", receiver.url("/users").toString(), "event_types", List.of("registered")));
      assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
      String id = created.text("id");
      String secret = created.text("secret");
      try {
        String email = EndToEndTest.unique("hooked");
        assertThat(app.post("/users", null, Map.of("email", email, "password", PASSWORD))
            .status()).isEqualTo(201);

        Received request = await(receiver, 1).get(0);
        new Webhook(secret).verify(request.body(), request.headers());
        assertThat(request.body()).contains("\"type\":\"registered\"").contains(email);

        JsonNode delivery = awaitDelivered(app, admin, id);
        assertThat(delivery.path("type").asText()).isEqualTo("registered");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.path("last_response_status").asInt()).isEqualTo(204);
        assertThat(request.header("webhook-id")).isEqualTo("msg_" + delivery.path("id").asLong());
        assertThat(app.management("/metrics").raw().body())
            .containsPattern("webhook_delivered_total [1-9]")
            .contains("webhook_outbox_oldest_age_seconds");
      } finally {
        assertThat(app.delete("/webhooks/" + id, admin).status()).isEqualTo(204);
      }
    }
  }

  @Test
  void twoInstances_sendEveryEventOnce() throws Exception {
    int users = 24;
    try (RunningApp one = RunningApp.start(ALLOWING_LOOPBACK);
        RunningApp two = RunningApp.start(ALLOWING_LOOPBACK);
        WebhookReceiver receiver = new WebhookReceiver()) {
      String admin = EndToEndTest.adminToken(one);
      RunningApp.Reply created = one.post("/webhooks", admin, Map.of(
          "url", receiver.url("/twice").toString(), "event_types", List.of("registered")));
      String id = created.text("id");
      try {
        for (int i = 0; i < users; i++) {
          RunningApp app = i % 2 == 0 ? one : two;
          assertThat(app.post("/users", null, Map.of("email", EndToEndTest.unique("pair"),
              "password", PASSWORD)).status()).isEqualTo(201);
        }
        List<Received> received = await(receiver, users);
        // Both workers keep polling: whatever either would send twice would come now.
        Thread.sleep(2_000);
        received = receiver.received();
        Set<String> ids = new HashSet<>();
        received.forEach(request -> ids.add(request.header("webhook-id")));
        assertThat(ids).hasSize(users);
        assertThat(received).hasSize(users);
      } finally {
        one.delete("/webhooks/" + id, admin);
      }
    }
  }

  @Test
  void byDefault_aTargetOnLoopbackOrAPrivateNetwork_isRefused() {
    try (RunningApp app = RunningApp.start(Map.of("WEBHOOK_ALLOW_HTTP", "false",
        "WEBHOOK_ALLOW_PRIVATE", "false", "FAKE_MAIL_ENABLED", "false"))) {
      String admin = EndToEndTest.adminToken(app);
      List<Integer> statuses = new ArrayList<>();
      for (String url : List.of("https://127.0.0.1/x", "https://localhost/x",
          "https://10.0.0.8/x", "https://[::1]/x", "http://93.184.215.14/x")) {
        RunningApp.Reply reply = app.post("/webhooks", admin, Map.of("url", url));
        statuses.add(reply.status());
        assertThat(reply.raw().body()).as(url).contains("\"field\":\"url\"");
      }
      assertThat(statuses).containsOnly(400);
      assertThat(app.get("/webhooks", admin).json().path("items")).isEmpty();
    }
  }

  private static List<Received> await(WebhookReceiver receiver, int count)
      throws InterruptedException {
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(45));
    while (receiver.received().size() < count && Instant.now().isBefore(giveUp)) {
      Thread.sleep(50);
    }
    assertThat(receiver.received()).hasSizeGreaterThanOrEqualTo(count);
    return receiver.received();
  }

  private static JsonNode awaitDelivered(RunningApp app, String admin, String id)
      throws InterruptedException {
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
    JsonNode first = null;
    while (Instant.now().isBefore(giveUp)) {
      first = app.get("/webhooks/" + id + "/deliveries", admin).json().path("items").path(0);
      if (first.path("status").asText().equals("delivered")) {
        return first;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never delivered: " + first);
  }
}
