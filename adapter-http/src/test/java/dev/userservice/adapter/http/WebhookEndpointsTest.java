package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code /webhooks} routes: what each answers an administrator, that the signing secret is
 * shown only at creation and rotation, and that bad input, unknown ids and a database outage are
 * problem responses. (Who may call them: {@link AuthorizationMatrixTest}; delivery against a real
 * receiver: the application's and bootstrap's tests.)
 */
class WebhookEndpointsTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  @Test
  void anAdministrator_registersReadsChangesRotatesPingsAndDeletesAnEndpoint() {
    String token = app.admin().accessToken();
    Reply created = app.send("POST", "/webhooks", token, app.jsonOf("url", TestApi.WEBHOOK_URL,
        "event_types", List.of("registered", "user_deleted"), "description", "CRM"));

    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    String secret = created.json().get("secret").asText();
    assertThat(secret).startsWith("whsec_");
    assertThat(created.header("Location")).isEqualTo("/webhooks/" + id);
    assertThat(created.json().get("event_types")).hasSize(2);

    Reply read = app.get("/webhooks/" + id, token);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("url").asText()).isEqualTo(TestApi.WEBHOOK_URL);
    assertThat(read.json().get("enabled").asBoolean()).isTrue();
    assertThat(read.json().get("description").asText()).isEqualTo("CRM");
    assertThat(read.body()).doesNotContain(secret).doesNotContain("secret");
    Reply list = app.get("/webhooks", token);
    assertThat(list.body()).contains(id).doesNotContain(secret);

    Reply edited = app.send("PATCH", "/webhooks/" + id, token,
        app.jsonOf("enabled", false, "event_types", List.of()));
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().get("enabled").asBoolean()).isFalse();
    assertThat(edited.json().get("event_types")).isEmpty();
    assertThat(edited.json().get("description").asText()).isEqualTo("CRM");

    Reply rotated = app.send("POST", "/webhooks/" + id + "/rotate-secret", token, null);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().get("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(rotated.json().get("previous_secret_expires_at").asText()).isNotEmpty();

    Reply ping = app.send("POST", "/webhooks/" + id + "/test", token, null);
    assertThat(ping.status()).isEqualTo(202);
    long delivery = ping.json().get("delivery_id").asLong();
    Reply deliveries = app.get("/webhooks/" + id + "/deliveries?limit=1", token);
    assertThat(deliveries.status()).isEqualTo(200);
    JsonNode first = deliveries.json().get("items").get(0);
    assertThat(first.get("id").asLong()).isEqualTo(delivery);
    assertThat(first.get("type").asText()).isEqualTo("ping");
    assertThat(first.get("status").asText()).isEqualTo("pending");
    assertThat(app.send("POST", "/webhooks/" + id + "/deliveries/" + delivery + "/redeliver",
        token, null).status()).isEqualTo(202);

    assertThat(app.send("DELETE", "/webhooks/" + id, token, null).status()).isEqualTo(204);
    assertThat(app.get("/webhooks/" + id, token).status()).isEqualTo(404);

    Reply audit = app.get("/audit-events?limit=100&type=webhook_created,webhook_updated,"
        + "webhook_secret_rotated,webhook_deleted", token);
    List<String> types = new ArrayList<>();
    audit.json().get("items").forEach(event -> {
      if (event.get("details").get("webhook_id").asText().equals(id)) {
        types.add(event.get("type").asText());
      }
    });
    assertThat(types).containsExactly("webhook_deleted", "webhook_secret_rotated",
        "webhook_updated", "webhook_created");
  }

  @Test
  void badInput_isA400NamingTheField_andChangesNothing() {
    String token = app.admin().accessToken();
    String id = app.webhook().toString();
    SoftAssertions soft = new SoftAssertions();
    expectField(soft, app.send("POST", "/webhooks", token, app.jsonOf("url", "ftp://x.example/",
        "event_types", List.of("nope"))), "url", "event_types");
    expectField(soft, app.send("POST", "/webhooks", token,
        app.jsonOf("url", "http://10.1.2.3/hook")), "url");
    expectField(soft, app.send("POST", "/webhooks", token,
        app.jsonOf("url", TestApi.WEBHOOK_URL, "secret", "mine")), "secret");
    expectField(soft, app.get("/webhooks/not-a-uuid", token), "id");
    expectField(soft, app.send("PATCH", "/webhooks/" + id, token,
        app.jsonOf("url", "http://127.0.0.1:9/x")), "url");
    expectField(soft, app.send("PATCH", "/webhooks/not-a-uuid", token, app.jsonOf()), "id");
    expectField(soft, app.send("DELETE", "/webhooks/not-a-uuid", token, null), "id");
    expectField(soft, app.send("POST", "/webhooks/not-a-uuid/rotate-secret", token, null), "id");
    expectField(soft, app.send("POST", "/webhooks/not-a-uuid/test", token, null), "id");
    expectField(soft, app.get("/webhooks/" + id + "/deliveries?limit=0&sort=up", token),
        "sort", "limit");
    expectField(soft, app.get("/webhooks/not-a-uuid/deliveries", token), "id");
    expectField(soft, app.send("POST", "/webhooks/" + id + "/deliveries/abc/redeliver", token,
        null), "delivery");
    soft.assertAll();
    Reply unchanged = app.get("/webhooks/" + id, token);
    assertThat(unchanged.json().get("url").asText()).isEqualTo(TestApi.WEBHOOK_URL);
  }

  @Test
  void anUnknownEndpoint_orDelivery_isA404() {
    String token = app.admin().accessToken();
    String unknown = "/webhooks/" + UUID.randomUUID();
    String id = app.webhook().toString();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(app.get(unknown, token).status()).isEqualTo(404);
    soft.assertThat(app.send("PATCH", unknown, token, app.jsonOf("enabled", true)).status())
        .isEqualTo(404);
    soft.assertThat(app.send("DELETE", unknown, token, null).status()).isEqualTo(404);
    soft.assertThat(app.send("POST", unknown + "/rotate-secret", token, null).status())
        .isEqualTo(404);
    soft.assertThat(app.send("POST", unknown + "/test", token, null).status()).isEqualTo(404);
    soft.assertThat(app.get(unknown + "/deliveries", token).status()).isEqualTo(404);
    soft.assertThat(app.send("POST", "/webhooks/" + id + "/deliveries/424242/redeliver", token,
        null).status()).isEqualTo(404);
    soft.assertAll();
  }

  @Test
  void whileTheDatabaseIsDown_everyRouteAnswers503() {
    Account admin = app.admin();
    String token = admin.accessToken();
    String id = app.webhook().toString();
    long delivery = app.webhookDelivery(app.webhook());
    app.databaseDown(true);
    try {
      SoftAssertions soft = new SoftAssertions();
      soft.assertThat(app.send("POST", "/webhooks", token,
          app.jsonOf("url", TestApi.WEBHOOK_URL)).status()).isEqualTo(503);
      soft.assertThat(app.get("/webhooks", token).status()).isEqualTo(503);
      soft.assertThat(app.get("/webhooks/" + id, token).status()).isEqualTo(503);
      soft.assertThat(app.send("PATCH", "/webhooks/" + id, token, app.jsonOf("enabled", false))
          .status()).isEqualTo(503);
      soft.assertThat(app.send("DELETE", "/webhooks/" + id, token, null).status())
          .isEqualTo(503);
      soft.assertThat(app.send("POST", "/webhooks/" + id + "/rotate-secret", token, null)
          .status()).isEqualTo(503);
      soft.assertThat(app.send("POST", "/webhooks/" + id + "/test", token, null).status())
          .isEqualTo(503);
      soft.assertThat(app.get("/webhooks/" + id + "/deliveries", token).status())
          .isEqualTo(503);
      soft.assertThat(app.send("POST", "/webhooks/" + id + "/deliveries/" + delivery
          + "/redeliver", token, null).status()).isEqualTo(503);
      soft.assertAll();
    } finally {
      app.databaseDown(false);
    }
  }

  private static void expectField(SoftAssertions soft, Reply reply, String... fields) {
    soft.assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    soft.assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    JsonNode errors = reply.json() == null ? null : reply.json().get("errors");
    soft.assertThat(errors).as(reply.body()).isNotNull();
    if (errors != null) {
      soft.assertThat(errors.findValuesAsText("field")).as(reply.body())
          .containsExactlyInAnyOrder(fields);
    }
  }
}
