package dev.userservice.adapter.http;

import static io.javalin.apibuilder.ApiBuilder.get;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.adapter.http.json.StrictJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener: {@code /health/live}, {@code /health/ready} and {@code /metrics} on
 * a port of their own, apart from the public API, so probes and scrapes reach them on a network
 * the API's clients do not, and the public port answers them 404.
 *
 * <p>Readiness answers 503 once {@link #shuttingDown()} is called: a load balancer or Kubernetes
 * stops sending new requests while the public listener still serves those already on their way.
 * These requests are neither logged nor counted in {@code http_server_requests}: a probe every
 * few seconds would drown the access log and the API's own latency figures.
 */
public final class ManagementApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);

  private final Map<String, BooleanSupplier> readinessChecks;
  private final PrometheusMeterRegistry registry;
  private final Problems problems;
  private final Javalin app;
  private volatile boolean stopping;

  /**
   * Builds the listener; nothing listens until {@link #start}.
   *
   * @param readinessChecks name → whether that dependency is reachable now (each should answer
   *     within a second or so)
   * @param registry the registry {@code /metrics} shows; {@code null} serves no {@code /metrics}
   *     (404)
   */
  public ManagementApi(Map<String, BooleanSupplier> readinessChecks,
      PrometheusMeterRegistry registry) {
    this.readinessChecks = Map.copyOf(Objects.requireNonNull(readinessChecks, "readinessChecks"));
    this.registry = registry;
    ObjectMapper mapper = StrictJson.newMapper();
    this.problems = new Problems(mapper);
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.generateEtags = false;
      // As on the API's listener (virtual threads where the JDK has them): a second listener
      // should cost the process few threads of its own.
      config.concurrency.useVirtualThreads = true;
      config.jsonMapper(new JavalinJackson(mapper, false));
      problems.register(config.routes);
      config.routes.before(ctx -> {
        RequestAttributes.requestId(ctx, UUID.randomUUID().toString());
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
      });
      config.routes.apiBuilder(() -> {
        get("/health/live", this::live);
        get("/health/ready", this::ready);
        if (registry != null) {
          get("/metrics", this::metrics);
        }
      });
    });
  }

  /** Starts listening; {@code port} 0 picks a free one (see {@link #port()}). */
  public ManagementApi start(String host, int port) {
    app.start(host, port);
    return this;
  }

  /** The port the listener listens on, once started. */
  public int port() {
    return app.port();
  }

  /**
   * From now on {@code /health/ready} answers 503 ({@code shutting down}), whatever the checks
   * say; call it first when the service begins to stop, before the public listener closes.
   */
  public void shuttingDown() {
    if (!stopping) {
      stopping = true;
      LOG.info("shutting down: /health/ready answers 503 from now on");
    }
  }

  /** Stops listening. */
  public void stop() {
    app.stop();
  }

  @Override
  public void close() {
    stop();
  }

  private void live(Context ctx) {
    ctx.json(Map.of("status", "up"));
  }

  /** 200 when every check passes, else a 503 problem listing each check's state. */
  private void ready(Context ctx) {
    Map<String, String> checks = new LinkedHashMap<>();
    readinessChecks.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(check -> checks.put(check.getKey(), passes(check.getKey(), check.getValue())
            ? "up" : "down"));
    List<String> down = checks.entrySet().stream()
        .filter(check -> check.getValue().equals("down"))
        .map(Map.Entry::getKey)
        .toList();
    if (down.isEmpty() && !stopping) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "up");
      body.put("checks", checks);
      ctx.json(body);
      return;
    }
    Map<String, Object> body = problems.problem(ctx, 503, "not-ready", "Service unavailable",
        stopping ? "not ready: shutting down"
            : "not ready: " + String.join(", ", down) + " unreachable");
    body.put("checks", checks);
    ctx.header("Retry-After", Long.toString(Problems.UNAVAILABLE_RETRY_AFTER.toSeconds()));
    problems.write(ctx, body);
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }

  private static boolean passes(String name, BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("readiness check {} failed", name, e);
      return false;
    }
  }
}
