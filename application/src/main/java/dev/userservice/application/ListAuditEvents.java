package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditFilter;
import dev.userservice.domain.port.AuditTrail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;

/** Lists the audit trail for administrators, newest first, one keyset page at a time. */
@Singleton
public final class ListAuditEvents {

  public static final int DEFAULT_LIMIT = AuditListing.DEFAULT_LIMIT;
  public static final int MAX_LIMIT = AuditListing.MAX_LIMIT;

  /**
   * A page request: {@code cursor} is the {@code nextCursor} of the previous page, or
   * {@code null} for the first; {@code limit} 1 to 100.
   */
  public record Query(Actor actor, AuditFilter filter, String cursor, int limit) {

    public Query {
      Objects.requireNonNull(actor, "actor");
      filter = filter == null ? AuditFilter.ANY : filter;
      AuditListing.requireLimit(limit);
    }
  }

  /** One page and the opaque cursor of the next one, {@code null} on the last page. */
  public record Page(List<AuditEntry> items, String nextCursor) {}

  private final AuditTrail trail;

  @Inject
  ListAuditEvents(AuditTrail trail) {
    this.trail = trail;
  }

  /**
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws InvalidInputException when the cursor was not issued by this service
   */
  public Page list(Query query) {
    Authorization.requireAdmin(query.actor());
    return AuditListing.page(trail.list(query.filter(), AuditListing.decode(query.cursor()),
        query.limit()), Page::new);
  }
}
