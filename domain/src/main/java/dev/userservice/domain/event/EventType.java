package dev.userservice.domain.event;

import java.util.Locale;

/**
 * What kind of fact an event records. The {@link #wireName()} is what the audit trail stores, the
 * API filters by and metrics tag with; it never changes once released.
 */
public enum EventType {
  REGISTERED,
  EMAIL_VERIFIED,
  VERIFICATION_CODE_SENT,
  LOGIN_SUCCEEDED,
  LOGIN_FAILED,
  REFRESH_REUSE_DETECTED,
  LOGGED_OUT,
  LOGGED_OUT_EVERYWHERE,
  PASSWORD_CHANGED,
  PASSWORD_RESET_REQUESTED,
  PASSWORD_RESET,
  EMAIL_CHANGE_REQUESTED,
  EMAIL_CHANGED,
  PROFILE_UPDATED,
  ROLE_CHANGED,
  USER_DELETED,
  USER_PURGED,
  ADMIN_CREATED,
  USER_SUSPENDED,
  USER_REACTIVATED,
  SESSION_ENDED,
  USER_SELF_DELETED,
  DATA_EXPORTED,
  CLIENT_CREATED,
  CLIENT_DELETED,
  CLIENT_TOKEN_ISSUED,
  TOKEN_REVOKED,
  WEBHOOK_CREATED,
  WEBHOOK_UPDATED,
  WEBHOOK_DELETED,
  WEBHOOK_SECRET_ROTATED,
  WEBHOOK_DISABLED,
  USER_IMPORTED,
  TOTP_ENROLMENT_STARTED,
  TOTP_ENROLLED,
  TOTP_REMOVED,
  TOTP_RESET,
  RECOVERY_CODES_REGENERATED,
  RECOVERY_CODE_USED,
  INVITED,
  INVITATION_ACCEPTED,
  METADATA_CHANGED;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The stable lower-case name, e.g. {@code login_failed}. */
  public String wireName() {
    return wireName;
  }

  /** The type named {@code wireName}, or {@code null} when there is none. */
  public static EventType ofWireName(String wireName) {
    for (EventType type : values()) {
      if (type.wireName.equals(wireName)) {
        return type;
      }
    }
    return null;
  }
}
