package dev.userservice.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * An open-model load generator in the manner of wrk2: requests leave on a fixed schedule (rate
 * spread evenly over keep-alive connections, one thread each), and each latency is measured from
 * the moment the request was <em>due</em>, not from when it was sent. A server that stalls
 * therefore pays for every request it delayed (no coordinated omission), and the percentiles are
 * those a steady stream of clients would see.
 *
 * <p>Usage: {@code FixedRateLoad --port P --path /users/me --rate R --seconds S --connections C
 * [--warmup W] [--header "Name: value"]... [--refresh-tokens FILE]}. The first W seconds (default
 * 0) run at the same rate unrecorded, so this generator's own JIT warm-up is not counted against
 * the server. With {@code --refresh-tokens} each
 * connection posts {@code /security/refresh} with its own session's token from FILE (one a line,
 * at least one per connection) and sends the token each answer returns next: real rotation.
 *
 * <p>Prints one line: {@code rate=… sent=… ok=… errors=… p50_ms=… p90_ms=… p99_ms=… p999_ms=…
 * max_ms=…}.
 */
public final class FixedRateLoad {

  private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final String host = "127.0.0.1";
  private int port;
  private String path = "/";
  private double rate;
  private int seconds = 10;
  private int warmup;
  private int connections = 16;
  private final List<String> headers = new ArrayList<>();
  private List<String> refreshTokens;

  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong reportedErrors = new AtomicLong();

  private FixedRateLoad() {}

  public static void main(String[] args) throws Exception {
    FixedRateLoad load = new FixedRateLoad();
    load.parse(args);
    load.run();
  }

  private void parse(String[] args) throws IOException {
    for (int i = 0; i < args.length; i++) {
      String value = args[++i];
      switch (args[i - 1]) {
        case "--port" -> port = Integer.parseInt(value);
        case "--path" -> path = value;
        case "--rate" -> rate = Double.parseDouble(value);
        case "--seconds" -> seconds = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--connections" -> connections = Integer.parseInt(value);
        case "--header" -> headers.add(value);
        case "--refresh-tokens" -> refreshTokens = Files.readAllLines(Path.of(value)).stream()
            .filter(line -> !line.isBlank()).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    if (port <= 0 || rate <= 0 || connections < 1) {
      throw new IllegalArgumentException("--port, --rate and --connections are required");
    }
    if (refreshTokens != null && refreshTokens.size() < connections) {
      throw new IllegalArgumentException("need one refresh token per connection, got "
          + refreshTokens.size() + " for " + connections);
    }
  }

  private void run() throws InterruptedException {
    long interval = (long) (connections * 1e9 / rate);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    long measured = start + TimeUnit.SECONDS.toNanos(warmup);
    long end = measured + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    List<Histogram> histograms = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
      histograms.add(histogram);
      long first = start + i * interval / connections;
      String token = refreshTokens == null ? null : refreshTokens.get(i);
      Thread thread = new Thread(() -> drive(first, interval, measured, end, token, histogram),
          "load-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    Histogram all = new Histogram(HIGHEST_NANOS, 3);
    histograms.forEach(all::add);
    PrintStream out = System.out;
    out.printf(Locale.ROOT,
        "rate=%.0f sent=%d ok=%d errors=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f "
            + "max_ms=%.2f%n",
        rate, all.getTotalCount(), ok.get(), errors.get(), millis(all, 50), millis(all, 90),
        millis(all, 99), millis(all, 99.9), all.getMaxValue() / 1e6);
  }

  private static double millis(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1e6;
  }

  private void drive(long first, long interval, long measured, long end, String firstToken,
      Histogram histogram) {
    String token = firstToken;
    Connection connection = null;
    for (long due = first; due < end; due += interval) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      try {
        if (connection == null) {
          connection = new Connection(host, port);
        }
        Response response = connection.exchange(request(token));
        if (response.status() / 100 == 2) {
          if (due >= measured) {
            ok.incrementAndGet();
          }
          if (token != null) {
            Matcher next = REFRESH_TOKEN.matcher(response.body());
            if (next.find()) {
              token = next.group(1);
            }
          }
        } else {
          fail("HTTP " + response.status() + " " + abbreviate(response.body()));
        }
        if (response.close()) {
          connection.close();
          connection = null;
        }
      } catch (IOException | UncheckedIOException e) {
        fail(e.toString());
        if (connection != null) {
          connection.close();
          connection = null;
        }
      }
      if (due >= measured) {
        histogram.recordValue(Math.min(System.nanoTime() - due, HIGHEST_NANOS));
      }
    }
    if (connection != null) {
      connection.close();
    }
  }

  private void fail(String why) {
    errors.incrementAndGet();
    if (reportedErrors.incrementAndGet() <= 5) {
      System.err.println("error: " + why);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private byte[] request(String refreshToken) {
    StringBuilder request = new StringBuilder(512);
    String body = null;
    if (refreshToken != null) {
      body = "{\"refresh_token\":\"" + refreshToken + "\"}";
      request.append("POST /security/refresh HTTP/1.1\r\n");
    } else {
      request.append("GET ").append(path).append(" HTTP/1.1\r\n");
    }
    request.append("Host: ").append(host).append(':').append(port).append("\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    if (body != null) {
      request.append("Content-Type: application/json\r\n")
          .append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
    } else {
      request.append("\r\n");
    }
    return request.toString().getBytes(StandardCharsets.UTF_8);
  }

  private record Response(int status, String body, boolean close) {}

  /** One keep-alive HTTP/1.1 connection; enough of the protocol for JSON APIs. */
  private static final class Connection {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Connection(String host, int port) throws IOException {
      socket = new Socket(InetAddress.getByName(host), port);
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
    }

    Response exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String statusLine = line();
      if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> close = value.equalsIgnoreCase("close");
          default -> { }
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (chunked) {
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
          copy(size, body);
          line();
        }
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
          // trailers are ignored
        }
      } else if (length >= 0) {
        copy(length, body);
      } else {
        in.transferTo(body);
        close = true;
      }
      return new Response(status, body.toString(StandardCharsets.UTF_8), close);
    }

    private long chunkSize() throws IOException {
      String line = line();
      int semicolon = line.indexOf(';');
      return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    private void copy(long count, ByteArrayOutputStream body) throws IOException {
      byte[] buffer = new byte[8192];
      long left = count;
      while (left > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          throw new EOFException("connection closed mid-body");
        }
        body.write(buffer, 0, read);
        left -= read;
      }
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new EOFException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
