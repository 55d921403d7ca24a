package dev.userservice.adapter.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's requests by method, route template and status: their count and latency, as the
 * histogram {@code http_server_requests_seconds}. The route is the matched template
 * ({@code /users/{id}}), never the path itself, so the series stay few whatever clients send;
 * static assets count as {@code /docs/*}, a path no route matches as {@code unmatched}.
 */
final class RequestMetrics {

  /**
   * The histogram buckets of {@code http_server_requests_seconds}: fixed boundaries, the same on
   * every instance, so Prometheus can add them up and compute a p99 across instances.
   */
  static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private final MeterRegistry registry;
  private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts the request {@code ctx} answered, which took {@code millis}. */
  void record(Context ctx, Float millis) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    String route = endpoint != null ? endpoint.path
        : ctx.path().startsWith(StaticAssets.ROOT) ? StaticAssets.ROOT + "*" : "unmatched";
    record(ctx.method().name(), route, ctx.statusCode(),
        Duration.ofNanos((long) (millis.doubleValue() * 1_000_000)));
  }

  private void record(String method, String route, int status, Duration took) {
    // Found once per combination: every request passes here, so no timer is built and registered
    // (then looked up by its tags) per request (docs/performance.md, "HTTP timers found once").
    // Routes are templates and methods and statuses few, so the map stays small.
    requests.computeIfAbsent(new RequestKey(method, route, status), key ->
        Timer.builder("http.server.requests")
            .description("HTTP requests by method, route template and status")
            .tag("method", key.method())
            .tag("route", key.route())
            .tag("status", Integer.toString(key.status()))
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry))
        .record(took);
  }

  private record RequestKey(String method, String route, int status) {}
}
