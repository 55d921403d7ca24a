package dev.userservice.adapter.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The service's metrics: HTTP requests by method, route template and status (count and latency),
 * the mail queue depth, and the JVM's own. What happened to accounts is counted by
 * {@link EventMetrics}, from the events.
 */
final class HttpMetrics implements AutoCloseable {

  /**
   * The histogram buckets of {@code http_server_requests_seconds}: fixed boundaries, the same on
   * every instance, so Prometheus can add them up and compute a p99 across instances.
   */
  static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private final PrometheusMeterRegistry registry;
  private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
  private final JvmGcMetrics gc = new JvmGcMetrics();

  HttpMetrics(PrometheusMeterRegistry registry, LongSupplier mailQueueDepth) {
    this.registry = registry;
    // Strong: a gauge holds its object weakly, and the supplier (often a method reference made
    // just for this call) would be collected, leaving the gauge at NaN after the first GC.
    Gauge.builder("mail.queue.depth", mailQueueDepth, HttpMetrics::depth)
        .description("Mails waiting to be sent (NaN while the queue cannot be read)")
        .strongReference(true)
        .register(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  void request(String method, String route, int status, Duration took) {
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

  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
  }

  private static double depth(LongSupplier queue) {
    try {
      return queue.getAsLong();
    } catch (RuntimeException unreachable) {
      return Double.NaN;
    }
  }
}
