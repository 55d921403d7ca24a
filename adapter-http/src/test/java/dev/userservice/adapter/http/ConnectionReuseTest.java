package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 30: every request gets its response, and a connection the server keeps open takes the
 * next request. Responses written before the request body was read (413, 415, 401, 404) used to
 * leave the body's tail unread; the server then dropped a connection it had announced as kept
 * alive, and the client's next request on it got no bytes at all.
 *
 * <p>Each pattern runs many times, as the tests' own client does it (the JDK client with its
 * connection pool), on fresh and on kept-alive connections, with bodies of known length and
 * chunked; a raw socket checks that what the server says about the connection is what it does.
 */
class ConnectionReuseTest {

  private static final int ROUNDS = 150;
  private static final String BIG_JSON = "{\"x\": \"" + "a".repeat(20 * 1024) + "\"}";
  // Larger than the server drains, so it closes the connection after the answer.
  private static final String HUGE_JSON = "{\"x\": \"" + "a".repeat(3 * 1024 * 1024) + "\"}";

  @RegisterExtension
  static final TestApi app = TestApi.perClass();
  private static String base;

  /** One request that is answered before its body is read, and the status it gets. */
  private record Early(String method, String path, String contentType, String body,
      int status) {}

  private static final List<Early> EARLY = List.of(
      new Early("POST", "/security/login", "application/json", BIG_JSON, 413),
      new Early("PATCH", "/users/me", "application/json", BIG_JSON, 401),
      new Early("POST", "/security/login", "text/plain", "{\"email\": \"a@example.com\"}", 415),
      new Early("POST", "/security/password-reset", "text/plain", BIG_JSON, 415),
      new Early("PUT", "/no/such/route", "application/json", BIG_JSON, 404));

  @BeforeAll
  static void start() {
    base = "http://127.0.0.1:" + app.api.port();
  }

  @Test
  void earlyAnswers_onKeptAliveConnections_leaveTheConnectionUsable() throws Exception {
    HttpClient client = client();
    for (int round = 0; round < ROUNDS; round++) {
      for (Early early : EARLY) {
        boolean chunked = round % 2 == 1;
        assertThat(send(client, early, chunked)).as(early + (chunked ? " chunked" : ""))
            .isEqualTo(early.status());
        assertThat(send(client, "GET", "/.well-known/jwks.json", null, null, false))
            .as("the request after " + early).isEqualTo(200);
      }
    }
  }

  @Test
  void earlyAnswers_onFreshConnections() throws Exception {
    for (int round = 0; round < ROUNDS / 5; round++) {
      for (Early early : EARLY) {
        assertThat(send(client(), early, round % 2 == 1)).as(early.toString())
            .isEqualTo(early.status());
      }
    }
  }

  /**
   * A body larger than the server reads is answered 413 with {@code Connection: close}, and the
   * connection is closed. A client still sending then may see the close instead of the answer
   * (the JDK client does; that is HTTP/1.1), but it never reuses the connection.
   */
  @Test
  void aBodyTooLargeToDrain_closesTheConnection_andTheClientNeverReusesIt() throws Exception {
    HttpClient client = client();
    for (int round = 0; round < 10; round++) {
      try {
        assertThat(send(client, "POST", "/security/login", "application/json", HUGE_JSON,
            round % 2 == 1)).isEqualTo(413);
      } catch (IOException closedWhileSending) {
        // the server closed as it said it would, before the client had sent it all
      }
      assertThat(send(client, "GET", "/.well-known/jwks.json", null, null, false)).isEqualTo(200);
    }
  }

  /**
   * On a raw connection: a body the server reads keeps the connection, and the next request on it
   * is answered; a body larger than it reads gets {@code Connection: close}. The client sends
   * only as much as the server reads, so the close cannot overtake the answer.
   */
  @Test
  void whatTheServerSaysAboutTheConnection_isWhatItDoes() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", app.api.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(post(BIG_JSON.length(), BIG_JSON.length()));
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 413");
      assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("\r\nconnection: close");
      skipBody(in, head);
      out.write("GET /.well-known/jwks.json HTTP/1.1\r\nHost: test\r\n\r\n"
          .getBytes(StandardCharsets.UTF_8));
      assertThat(readHead(in)).startsWith("HTTP/1.1 200");
    }
    try (Socket socket = new Socket("127.0.0.1", app.api.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(post(HUGE_JSON.length(), UnreadBodies.LIMIT + 1));
      String head = readHead(socket.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 413");
      assertThat(head.toLowerCase(Locale.ROOT)).contains("\r\nconnection: close");
    }
  }

  /** A login request declaring {@code declared} body bytes, with the first {@code sent}. */
  private static byte[] post(int declared, int sent) {
    String head = "POST /security/login HTTP/1.1\r\nHost: test\r\nContent-Type: application/json"
        + "\r\nContent-Length: " + declared + "\r\n\r\n";
    return (head + "a".repeat(sent)).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Errors Jetty answers itself, before any handler, are problem documents, and they close the
   * connection and say so.
   */
  @Test
  void malformedRequests_areAnsweredWithConnectionClose() throws IOException {
    List<String[]> requests = List.of(
        new String[] {"GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: test\r\n\r\n", "414"},
        new String[] {"GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + "b".repeat(20_000)
            + "\r\n\r\n", "431"},
        new String[] {"GET / HTTP/1.1\r\nHost: test\r\nBad Header\r\n\r\n", "400"},
        new String[] {"POST / HTTP/1.1\r\nHost: test\r\nContent-Length: x\r\n\r\n", "400"});
    for (String[] request : requests) {
      try (Socket socket = new Socket("127.0.0.1", app.api.port())) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(request[0].getBytes(StandardCharsets.UTF_8));
        String head = readHead(socket.getInputStream());
        assertThat(head).as(request[1]).startsWith("HTTP/1.1 " + request[1]);
        assertThat(head.toLowerCase(Locale.ROOT)).as(request[1]).contains("\r\nconnection: close")
            .contains("\r\ncontent-type: application/problem+json");
      }
    }
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static int send(HttpClient client, Early early, boolean chunked) throws Exception {
    return send(client, early.method(), early.path(), early.contentType(), early.body(), chunked);
  }

  private static int send(HttpClient client, String method, String path, String contentType,
      String body, boolean chunked) throws Exception {
    BodyPublisher publisher = body == null ? BodyPublishers.noBody()
        : chunked ? BodyPublishers.ofInputStream(
            () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
        : BodyPublishers.ofString(body);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30)).method(method, publisher);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<Void> response = client.send(request.build(), BodyHandlers.discarding());
    return response.statusCode();
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed after: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static void skipBody(InputStream in, String head) throws IOException {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).strip()));
        return;
      }
    }
    throw new IOException("no Content-Length in " + head);
  }
}
