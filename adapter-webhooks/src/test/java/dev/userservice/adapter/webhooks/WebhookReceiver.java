package dev.userservice.adapter.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that receives webhooks, for tests: it records every request
 * (headers with lower-case names, body) and answers what it is told to, in turn, then 204.
 * It can be stopped and started again on the same port (a receiver that goes down).
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Received(Map<String, List<String>> headers, String body) {

    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.get(0);
    }
  }

  /** An answer: a status, optional headers, or a delay before answering (a silent receiver). */
  public record Answer(int status, Map<String, String> headers, Duration delay) {

    public static Answer status(int status) {
      return new Answer(status, Map.of(), Duration.ZERO);
    }

    public static Answer status(int status, String header, String value) {
      return new Answer(status, Map.of(header, value), Duration.ZERO);
    }

    public static Answer silentFor(Duration delay) {
      return new Answer(204, Map.of(), delay);
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Answer> answers = new ArrayDeque<>();
  private volatile int port;
  private HttpServer server;

  /** A receiver on a free loopback port, started. */
  public WebhookReceiver() {
    start(0);
  }

  private void start(int onPort) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort),
          0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Answer answer;
      synchronized (answers) {
        answer = answers.isEmpty() ? Answer.status(204) : answers.removeFirst();
      }
      if (!answer.delay().isZero()) {
        try {
          Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      received.add(new Received(headers, body));
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(answer.status(), -1);
      exchange.close();
    });
    server.start();
    port = server.getAddress().getPort();
  }

  /** Answers the next requests with {@code next}, in order. */
  public void answer(Answer... next) {
    synchronized (answers) {
      answers.addAll(List.of(next));
    }
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Every request so far, in the order answered. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Stops listening: connections are refused until {@link #restart}. */
  public synchronized void stop() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  public synchronized void restart() {
    start(port);
  }

  @Override
  public synchronized void close() {
    server.stop(0);
  }
}
