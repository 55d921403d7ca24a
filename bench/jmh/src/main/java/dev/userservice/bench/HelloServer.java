package dev.userservice.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The HTTP ceiling: the JDK's own {@code HttpServer} answering {@code GET /hello} with a fixed
 * body, handlers on one thread per processor, TCP_NODELAY on (as Jetty sets it; without it the
 * JDK server's separate header and body writes meet delayed ACKs and every answer takes 40 ms).
 * Nothing an HTTP service on this JVM does per request can be cheaper. Usage:
 * {@code HelloServer <port>}; runs until killed.
 */
public final class HelloServer {

  private HelloServer() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    System.setProperty("sun.net.httpserver.nodelay", "true");
    byte[] body = "hello\n".getBytes(StandardCharsets.US_ASCII);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    server.createContext("/hello", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()));
    server.start();
    PrintStream out = System.out;
    out.println("hello server on 127.0.0.1:" + server.getAddress().getPort());
  }
}
