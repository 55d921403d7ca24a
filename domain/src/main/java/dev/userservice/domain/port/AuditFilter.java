package dev.userservice.domain.port;

import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.StoredInstants;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.EventType;
import java.time.Instant;
import java.util.Set;

/**
 * Which audit entries to list; every {@code null} (or empty) criterion matches all. The times
 * are storable ({@link StoredInstants}) and in order; building a filter checks it, so no adapter
 * meets an invalid one.
 *
 * @param subject entries about this account
 * @param actor entries caused by this user
 * @param types entries of any of these types
 * @param after entries strictly after this instant
 * @param before entries strictly before this instant
 */
public record AuditFilter(UserId subject, UserId actor, Set<EventType> types, Instant after,
    Instant before) {

  public static final AuditFilter ANY = new AuditFilter(null, null, Set.of(), null, null);

  /**
   * @throws InvalidInputException naming every invalid time by its query parameter
   *     ({@code created_after}, {@code created_before})
   */
  public AuditFilter {
    types = types == null ? Set.of() : Set.copyOf(types);
    FieldErrors errors = new FieldErrors();
    StoredInstants.checkRange(errors, after, before);
    errors.throwIfAny();
  }
}
