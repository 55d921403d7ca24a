package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProcessMetricsTest {

  @Test
  void mailQueueDepth_isStillReadAfterAGarbageCollection() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicLong queue = new AtomicLong(3);
    // A bound method reference whose only owner is the gauge, as the wiring's outbox::pending.
    try (ProcessMetrics metrics = new ProcessMetrics(registry, queue::get)) {
      System.gc();

      assertThat(registry.scrape()).contains("mail_queue_depth 3.0");
    }
  }
}
