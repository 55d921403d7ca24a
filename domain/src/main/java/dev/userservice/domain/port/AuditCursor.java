package dev.userservice.domain.port;

import java.time.Instant;
import java.util.Objects;

/** Where a page of audit entries ends: the sort key (at, id) of its last entry. */
public record AuditCursor(Instant at, long id) {

  public AuditCursor {
    Objects.requireNonNull(at, "at");
  }
}
