package dev.userservice.adapter.http;

import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.EventListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts events by type as {@code user_events_total{type}}: a listener to give
 * {@link dev.userservice.application.UserService#create}, bound to the registry the metrics are
 * served from ({@link HttpApi#meterRegistry()}) once that exists; events before the binding are
 * counted too.
 *
 * <p>Only the type is a tag, never a detail: {@code /metrics} may be public, and a count by
 * failure reason would tell a caller watching it whether the email it just tried exists.
 */
public final class EventMetrics implements EventListener, MeterBinder {

  private final Map<EventType, LongAdder> counts = new EnumMap<>(EventType.class);

  public EventMetrics() {
    for (EventType type : EventType.values()) {
      counts.put(type, new LongAdder());
    }
  }

  @Override
  public void on(UserEvent event) {
    counts.get(event.type()).increment();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counts.forEach((type, count) -> FunctionCounter.builder("user.events", count, LongAdder::sum)
        .description("Events emitted by the use cases, by type")
        .tag("type", type.wireName())
        .register(registry));
  }
}
