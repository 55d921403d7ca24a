package dev.userservice.application;

import dev.userservice.domain.port.EventListener;
import java.util.List;

/**
 * The listeners every emitted event goes to, in order, after the audit trail. An embedding
 * application adds its own here ({@link UserService#create}); a container binds an instance.
 */
public record EventListeners(List<EventListener> all) {

  public EventListeners {
    all = List.copyOf(all);
  }

  public static EventListeners none() {
    return new EventListeners(List.of());
  }

  public static EventListeners of(EventListener... listeners) {
    return new EventListeners(List.of(listeners));
  }
}
