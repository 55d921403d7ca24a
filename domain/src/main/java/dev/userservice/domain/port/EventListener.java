package dev.userservice.domain.port;

import dev.userservice.domain.event.UserEvent;

/**
 * Receives every event the use cases emit, after the change it records is stored (metrics, logs,
 * an embedding application's own reactions). Called on the thread of the use case, so it should
 * be quick; it may throw, but a listener's failure never fails the use case (it is logged and the
 * other listeners still run).
 */
@FunctionalInterface
public interface EventListener {

  void on(UserEvent event);
}
