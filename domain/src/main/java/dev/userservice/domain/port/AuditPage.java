package dev.userservice.domain.port;

import java.util.List;
import java.util.Optional;

/** One page of audit entries, newest first, and the cursor of the next page if there is one. */
public record AuditPage(List<AuditEntry> items, Optional<AuditCursor> next) {

  public AuditPage {
    items = List.copyOf(items);
  }
}
