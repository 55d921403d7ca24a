package dev.userservice.adapter.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.function.LongSupplier;

/**
 * What the service reports besides its requests ({@link RequestMetrics}) and its events
 * ({@link EventMetrics}): the mail queue depth, and the JVM's own metrics (memory, garbage
 * collection, threads, classes, CPU, uptime). Closing it stops listening for collections.
 */
final class ProcessMetrics implements AutoCloseable {

  private final JvmGcMetrics gc = new JvmGcMetrics();

  ProcessMetrics(MeterRegistry registry, LongSupplier mailQueueDepth) {
    // Strong: a gauge holds its object weakly, and the supplier (often a method reference made
    // just for this call) would be collected, leaving the gauge at NaN after the first GC.
    Gauge.builder("mail.queue.depth", mailQueueDepth, ProcessMetrics::depth)
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
