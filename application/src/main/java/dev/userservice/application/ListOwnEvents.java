package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.port.AuditFilter;
import dev.userservice.domain.port.AuditTrail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Lists the calling user's own security activity, newest first: logins and failed logins,
 * password and email changes, reset requests, sessions ended, suspensions and exports.
 */
@Singleton
public final class ListOwnEvents {

  /** The types a user sees of their own account. */
  public static final Set<EventType> SECURITY_ACTIVITY = Set.copyOf(EnumSet.of(
      EventType.LOGIN_SUCCEEDED, EventType.LOGIN_FAILED, EventType.REFRESH_REUSE_DETECTED,
      EventType.LOGGED_OUT, EventType.LOGGED_OUT_EVERYWHERE, EventType.PASSWORD_CHANGED,
      EventType.PASSWORD_RESET_REQUESTED, EventType.PASSWORD_RESET,
      EventType.EMAIL_CHANGE_REQUESTED, EventType.EMAIL_CHANGED, EventType.ROLE_CHANGED,
      EventType.SESSION_ENDED, EventType.USER_SUSPENDED, EventType.USER_REACTIVATED,
      EventType.DATA_EXPORTED, EventType.TOKEN_REVOKED, EventType.TOTP_ENROLLED,
      EventType.TOTP_REMOVED, EventType.TOTP_RESET, EventType.RECOVERY_CODES_REGENERATED,
      EventType.RECOVERY_CODE_USED));

  /**
   * A page request: {@code cursor} is the {@code nextCursor} of the previous page, or
   * {@code null} for the first; {@code limit} 1 to 100.
   */
  public record Query(Actor actor, String cursor, int limit) {

    /** @throws dev.userservice.domain.InvalidInputException when the limit is out of range */
    public Query {
      Objects.requireNonNull(actor, "actor");
      AuditListing.requireLimit(limit);
    }
  }

  private final AuditTrail trail;

  @Inject
  ListOwnEvents(AuditTrail trail) {
    this.trail = trail;
  }

  /**
   * The requested page of entries about the actor's own account. A failed login whose account
   * was not looked up (an unknown email, or a throttled attempt) names no account, so it is in no
   * one's list.
   *
   * @throws dev.userservice.domain.InvalidInputException when the cursor was not issued by this
   *     service
   */
  public ListAuditEvents.Page list(Query query) {
    return AuditListing.page(trail.list(new AuditFilter(query.actor().id(), null,
        SECURITY_ACTIVITY, null, null), AuditListing.decode(query.cursor()), query.limit()),
        ListAuditEvents.Page::new);
  }
}
