package dev.userservice.adapter.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.userservice.adapter.webhooks.WebhookReceiver.Answer;
import dev.userservice.adapter.webhooks.WebhookReceiver.Received;
import dev.userservice.domain.port.WebhookMessage;
import dev.userservice.domain.port.WebhookResponse;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against a real receiver on loopback, and its server-side request forgery guard. */
class JdkWebhookSenderTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String OLD_SECRET = "whsec_" + "A".repeat(32);
  private static final WebhookMessage MESSAGE = new WebhookMessage("msg_7", "registered",
      Instant.parse("2026-03-01T10:00:00Z"), Map.of("user_id", "u-1", "email", "a@example.com"));

  private final WebhookReceiver receiver = new WebhookReceiver();
  private final JdkWebhookSender loopback = new JdkWebhookSender(
      new WebhookSenderSettings(true, true, Duration.ofMillis(500)));

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void aMessage_isPostedAsJson_withOneStandardWebhooksSignaturePerSecret() throws Exception {
    WebhookResponse response = loopback.send(receiver.url("/in"), MESSAGE,
        List.of(SECRET, OLD_SECRET), Instant.now());

    assertThat(response).isEqualTo(new WebhookResponse.Accepted(204));
    Received request = receiver.received().get(0);
    assertThat(request.body()).isEqualTo("{\"type\":\"registered\","
        + "\"timestamp\":\"2026-03-01T10:00:00Z\","
        + "\"data\":{\"email\":\"a@example.com\",\"user_id\":\"u-1\"}}");
    assertThat(request.header("webhook-id")).isEqualTo("msg_7");
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
    new Webhook(SECRET).verify(request.body(), request.headers());
    new Webhook(OLD_SECRET).verify(request.body(), request.headers());
    assertThat(request.header("webhook-signature").split(" ")[0]).isEqualTo(
        new Webhook(SECRET).sign("msg_7", Long.parseLong(request.header("webhook-timestamp")),
            request.body()));
  }

  @Test
  void answers_areReported_redirectsAreNotFollowed_andRetryAfterIsRead() {
    receiver.answer(Answer.status(503), Answer.status(302, "Location", "http://127.0.0.1:1/"),
        Answer.status(429, "Retry-After", "30"),
        Answer.status(429, "Retry-After", "Sun, 01 Mar 2026 10:01:00 GMT"));
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    URI url = receiver.url("/in");

    assertThat(loopback.send(url, MESSAGE, List.of(SECRET), now))
        .isEqualTo(new WebhookResponse.Rejected(503, null));
    assertThat(loopback.send(url, MESSAGE, List.of(SECRET), now))
        .isEqualTo(new WebhookResponse.Rejected(302, null));
    assertThat(loopback.send(url, MESSAGE, List.of(SECRET), now))
        .isEqualTo(new WebhookResponse.Rejected(429, Duration.ofSeconds(30)));
    assertThat(loopback.send(url, MESSAGE, List.of(SECRET), now))
        .isEqualTo(new WebhookResponse.Rejected(429, Duration.ofSeconds(60)));
    assertThat(receiver.received()).hasSize(4);
  }

  @Test
  void aSilentReceiver_timesOut_andAClosedPort_isUnreachable() {
    receiver.answer(Answer.silentFor(Duration.ofSeconds(2)));
    assertThat(loopback.send(receiver.url("/in"), MESSAGE, List.of(SECRET), Instant.now()))
        .isInstanceOfSatisfying(WebhookResponse.Unreachable.class,
            unreachable -> assertThat(unreachable.error()).contains("no answer within"));
    receiver.stop();
    assertThat(loopback.send(receiver.url("/in"), MESSAGE, List.of(SECRET), Instant.now()))
        .isInstanceOf(WebhookResponse.Unreachable.class);
  }

  @Test
  void byDefault_onlyHttpsToPublicAddresses_isAllowed_atRegistrationAndAtEverySend() {
    JdkWebhookSender strict = new JdkWebhookSender(WebhookSenderSettings.defaults());

    assertThat(strict.refusal(URI.create("http://93.184.215.14/x")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("https://"));
    assertThat(strict.refusal(URI.create("https://93.184.215.14/x"))).isEmpty();
    assertThat(strict.refusal(URI.create("https://[2606:4700::1111]/x"))).isEmpty();
    for (String url : List.of("https://127.0.0.1/", "https://localhost/", "https://10.1.1.1/",
        "https://172.16.0.1/", "https://192.168.0.1/", "https://169.254.169.254/",
        "https://100.64.0.1/", "https://0.0.0.0/", "https://224.0.0.1/", "https://[::1]/",
        "https://[fe80::1]/", "https://[fd12::1]/", "https://[::]/",
        "https://[::ffff:127.0.0.1]/")) {
      assertThat(strict.refusal(URI.create(url))).as(url)
          .hasValueSatisfying(reason -> assertThat(reason).contains("not public"));
    }
    JdkWebhookSender httpOnly = new JdkWebhookSender(
        new WebhookSenderSettings(true, false, Duration.ofSeconds(1)));
    assertThat(httpOnly.send(receiver.url("/in"), MESSAGE, List.of(SECRET), Instant.now()))
        .isInstanceOfSatisfying(WebhookResponse.Unreachable.class,
            unreachable -> assertThat(unreachable.error()).contains("not public"));
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void publicAddresses_arePublic() throws Exception {
    for (String address : List.of("93.184.215.14", "8.8.8.8", "2606:4700::1111", "100.128.0.1",
        "172.32.0.1")) {
      assertThat(JdkWebhookSender.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }
  }
}
