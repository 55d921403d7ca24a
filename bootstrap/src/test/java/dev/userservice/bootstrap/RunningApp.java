package dev.userservice.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.adapter.http.HttpExtension;
import dev.userservice.devservices.FakeMail;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One instance of the real application on a real socket, and a small JSON client for it. Public
 * for examples/spring-resource-server, which runs it through this module's test-jar.
 */
public final class RunningApp implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Wiring wiring;
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String managementBase;
  private final List<Reply> transcript = Collections.synchronizedList(new ArrayList<>());

  private RunningApp(Wiring wiring) {
    this.wiring = wiring;
    this.base = "http://127.0.0.1:" + wiring.httpPort();
    this.managementBase = "http://127.0.0.1:" + wiring.managementPort();
  }

  /** Starts an instance on the shared test services, with {@code overrides} on top. */
  public static RunningApp start(Map<String, String> overrides) {
    Map<String, String> env = TestServices.environment();
    env.putAll(overrides);
    return new RunningApp(Wiring.start(Settings.from(new Environment(env)),
        RunningApp::startFakeMail));
  }

  /** The dev jar's fake mail server and client (DevMain), for FAKE_MAIL_ENABLED=true. */
  static Wiring.Addition startFakeMail(Settings settings) {
    FakeMail fakeMail = FakeMail.start(settings.fakeSmtpPort());
    return Wiring.Addition.of(new HttpExtension(fakeMail::addRoutes, fakeMail.pagePrefixes()),
        fakeMail::close);
  }

  /** A response: status, headers and the body parsed as JSON (or {@code null}). */
  public record Reply(int status, HttpResponse<String> raw, JsonNode json) {

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String text(String field) {
      return json.path(field).asText(null);
    }
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  /** A GET on the management listener (health, metrics). */
  Reply management(String path) {
    return send(HttpRequest.newBuilder(URI.create(managementBase + path))
        .timeout(Duration.ofSeconds(30)).GET());
  }

  Reply delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  /** A DELETE with a JSON body ({@code DELETE /users/me}). */
  public Reply delete(String path, String token, Object body) {
    return send(request(path, token).method("DELETE", json(body)));
  }

  public Reply post(String path, String token, Object body) {
    return send(request(path, token).POST(json(body)));
  }

  Reply patch(String path, String token, Object body) {
    return send(request(path, token).method("PATCH", json(body)));
  }

  Reply put(String path, String token, Object body) {
    return send(request(path, token).PUT(json(body)));
  }

  /** A POST with extra request headers (e.g. {@code X-Forwarded-For}). */
  Reply post(String path, String token, Object body, Map<String, String> headers) {
    HttpRequest.Builder builder = request(path, token).POST(json(body));
    headers.forEach(builder::header);
    return send(builder);
  }

  /**
   * A POST of a form body ({@code application/x-www-form-urlencoded}), as OAuth clients send,
   * with {@code headers} (e.g. {@code Authorization: Basic ...}).
   */
  Reply postForm(String path, Map<String, String> form, Map<String, String> headers) {
    StringJoiner body = new StringJoiner("&");
    form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    HttpRequest.Builder builder = request(path, null)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    headers.forEach(builder::header);
    return send(builder, "application/x-www-form-urlencoded");
  }

  /** The address of {@code path} on the public listener, for requests built by hand. */
  URI uri(String path) {
    return URI.create(base + path);
  }

  /** Every reply this client has received, oldest first. */
  List<Reply> transcript() {
    synchronized (transcript) {
      return List.copyOf(transcript);
    }
  }

  /** Waits (a hang guard, not a timing check) for the newest letter to {@code address}. */
  JsonNode awaitLatestMail(String address, String subjectContains) {
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(giveUp)) {
      Reply reply = get("/fake-mail/" + address + "/messages/latest", null);
      if (reply.status() == 200 && reply.text("subject").contains(subjectContains)) {
        return reply.json();
      }
      pause(Duration.ofMillis(100));
    }
    throw new AssertionError("no letter to " + address + " about '" + subjectContains + "'");
  }

  /** The six-digit code in the newest letter to {@code address} whose subject has {@code kind}. */
  public String awaitCode(String address, String kind) {
    String text = awaitLatestMail(address, kind).path("text").asText();
    var matcher = java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(text);
    if (!matcher.find()) {
      throw new AssertionError("no code in: " + text);
    }
    return matcher.group(1);
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Reply send(HttpRequest.Builder builder) {
    return send(builder, "application/json");
  }

  private Reply send(HttpRequest.Builder builder, String contentType) {
    HttpRequest request = builder.header("Content-Type", contentType).build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      JsonNode json = body == null || body.isBlank() ? null : parse(body);
      Reply reply = new Reply(response.statusCode(), response, json);
      transcript.add(reply);
      return reply;
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    wiring.close();
  }
}
