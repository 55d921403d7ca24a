package dev.userservice.adapter.http;

import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditCursor;
import dev.userservice.domain.port.AuditFilter;
import dev.userservice.domain.port.AuditPage;
import dev.userservice.domain.port.AuditTrail;
import java.time.Instant;
import java.util.List;

/** The in-memory audit trail, which can be switched off to play a database that is down. */
final class SwitchableAuditTrail implements AuditTrail {

  private final AuditTrail delegate;
  private volatile boolean down;

  SwitchableAuditTrail(AuditTrail delegate) {
    this.delegate = delegate;
  }

  void down(boolean isDown) {
    this.down = isDown;
  }

  private AuditTrail up() {
    if (down) {
      throw new UnavailableException("database", null);
    }
    return delegate;
  }

  @Override
  public void record(List<UserEvent> events) {
    up().record(events);
  }

  @Override
  public AuditPage list(AuditFilter filter, AuditCursor after, int limit) {
    return up().list(filter, after, limit);
  }

  @Override
  public int pruneBefore(Instant cutoff) {
    return up().pruneBefore(cutoff);
  }
}
