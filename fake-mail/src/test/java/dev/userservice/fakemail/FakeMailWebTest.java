package dev.userservice.fakemail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the routes over a real socket, mounted on a Javalin the test owns (as the service does). */
class FakeMailWebTest {

  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  private final Mailbox mailbox = new Mailbox();
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private Javalin app;

  @BeforeEach
  void start() {
    FakeMailWeb web = new FakeMailWeb(mailbox);
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.routes.get("/host-route", ctx -> ctx.result("host"));
      web.addRoutes(config);
    }).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void messages_listsEveryLetterNewestFirst_asJson() throws Exception {
    mailbox.add("alice@example.com", new ReceivedMail("app@example.com", "alice@example.com",
        "First", "code 111111", null, T0));
    mailbox.add("alice@example.com", new ReceivedMail("app@example.com", "alice@example.com",
        "Second — ü€", "code 222222", "<p>code 222222</p>", T0.plusSeconds(60)));

    HttpResponse<String> response = get("/fake-mail/alice@example.com/messages");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonNode body = json.readTree(response.body());
    assertThat(body).hasSize(2);
    assertThat(body.get(0).get("subject").asText()).isEqualTo("Second — ü€");
    assertThat(body.get(0).get("text").asText()).isEqualTo("code 222222");
    assertThat(body.get(0).get("html").asText()).isEqualTo("<p>code 222222</p>");
    assertThat(body.get(0).get("from").asText()).isEqualTo("app@example.com");
    assertThat(body.get(0).get("to").asText()).isEqualTo("alice@example.com");
    assertThat(body.get(0).get("received_at").asText()).isEqualTo("2025-01-01T10:01:00Z");
    assertThat(body.get(1).get("subject").asText()).isEqualTo("First");
    assertThat(body.get(1).get("html").isNull()).isTrue();
  }

  @Test
  void theAddressInThePathIsCaseInsensitiveAndMayBePercentEncoded() throws Exception {
    mailbox.add("bob@example.com", new ReceivedMail("a@example.com", "bob@example.com", "Hi", "",
        null, T0));

    HttpResponse<String> response = get("/fake-mail/BOB%40Example.com/messages");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body())).hasSize(1);
  }

  @Test
  void latest_returnsTheNewestLetter() throws Exception {
    mailbox.add("carol@example.com", new ReceivedMail("a@example.com", "carol@example.com", "Old",
        "", null, T0));
    mailbox.add("carol@example.com", new ReceivedMail("a@example.com", "carol@example.com", "New",
        "", null, T0.plusSeconds(1)));

    HttpResponse<String> response = get("/fake-mail/carol@example.com/messages/latest");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("subject").asText()).isEqualTo("New");
  }

  @Test
  void givenNoLetters_latestIsA404Problem_andMessagesIsEmpty() throws Exception {
    HttpResponse<String> latest = get("/fake-mail/nobody@example.com/messages/latest");
    HttpResponse<String> messages = get("/fake-mail/nobody@example.com/messages");

    assertThat(latest.statusCode()).isEqualTo(404);
    assertThat(latest.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(latest.body());
    assertThat(problem.get("status").asInt()).isEqualTo(404);
    assertThat(problem.get("detail").asText()).contains("nobody@example.com");
    assertThat(messages.statusCode()).isEqualTo(200);
    assertThat(json.readTree(messages.body())).isEmpty();
  }

  @Test
  void addresses_listsTheMailboxesWithCounts() throws Exception {
    mailbox.add("dave@example.com", new ReceivedMail("a@example.com", "dave@example.com", "1", "",
        null, T0));

    HttpResponse<String> response = get("/fake-mail/api/addresses");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body).hasSize(1);
    assertThat(body.get(0).get("address").asText()).isEqualTo("dave@example.com");
    assertThat(body.get(0).get("count").asInt()).isEqualTo(1);
    assertThat(body.get(0).get("latest_received_at").asText()).isEqualTo("2025-01-01T10:00:00Z");
  }

  @Test
  void thePageIsServedAsHtml_besideTheHostsOwnRoutes() throws Exception {
    HttpResponse<String> page = get("/fake-mail");
    HttpResponse<String> host = get("/host-route");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("<title>Fake mail</title>", "/api/addresses");
    assertThat(host.body()).isEqualTo("host");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .timeout(Duration.ofSeconds(10)).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
