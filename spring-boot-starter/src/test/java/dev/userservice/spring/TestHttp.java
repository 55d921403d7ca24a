package dev.userservice.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Requests to a host on a real socket, as a client of the API sends them. Public (in the test
 * jar) for examples/spring-boot-starter.
 */
public final class TestHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final int port;

  public TestHttp(int port) {
    this.port = port;
  }

  /** An answer: status, body as JSON ({@code null} when empty), headers. */
  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  /** {@code body} as JSON ({@code null} for none), with {@code token} as bearer when not null. */
  public Reply json(String method, String path, String token, Object body) {
    try {
      return send(method, path, token, "application/json",
          body == null ? null : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code body} as it is, of {@code contentType}. */
  public Reply send(String method, String path, String token, String contentType, String body) {
    return sendWith(method, path,
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), contentType, body);
  }

  /** {@code body} as it is, of {@code contentType}, with {@code headers}. */
  public Reply sendWith(String method, String path, Map<String, String> headers,
      String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path));
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = HTTP.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new Reply(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
