package dev.userservice.domain.event;

import dev.userservice.domain.Actor;
import dev.userservice.domain.ClientId;
import dev.userservice.domain.Email;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.StatusReason;
import dev.userservice.domain.UserId;
import dev.userservice.domain.WebhookId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to an account, one record per kind of fact. Use cases emit them; the
 * audit trail, metrics, logs and an embedding application's listeners receive them.
 *
 * <p>An event never carries a password, a hash, a code or a token: only who, when, from where,
 * and the fields that describe the change ({@link #details()}).
 */
public sealed interface UserEvent {

  /** When, to whom, by whom, in which session and from where. */
  Meta meta();

  EventType type();

  /**
   * The fields describing the change, by snake_case name, as text (e.g. {@code old_role},
   * {@code new_role}); empty when the type says it all. Never a secret.
   */
  default Map<String, String> details() {
    return Map.of();
  }

  /**
   * What every event carries.
   *
   * @param subject the account the event is about; {@code null} for a failed login whose
   *     account is unknown or was not looked up (throttled), and for the events about an OAuth
   *     client rather than an account
   * @param session the session the event happened in or to; {@code null} when there is none
   */
  record Meta(Instant at, UserId subject, Initiator actor, SessionId session,
      RequestContext request) {

    public Meta {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(actor, "actor");
      request = RequestContext.orNone(request);
    }

    /** {@code actor}, in their session, acting on {@code subject} (themselves or another). */
    public static Meta by(Instant at, Actor actor, UserId subject, RequestContext request) {
      return new Meta(at, subject, Initiator.of(actor, subject), actor.session(), request);
    }

    /** The subject acting on their own account, in {@code session} (nullable). */
    public static Meta bySelf(Instant at, UserId subject, SessionId session,
        RequestContext request) {
      return new Meta(at, subject, Initiator.self(subject), session, request);
    }

    /** The service itself (a job, the start-up) acting on {@code subject}. */
    public static Meta bySystem(Instant at, UserId subject) {
      return new Meta(at, subject, Initiator.system(), null, RequestContext.NONE);
    }

    /** A caller who proved nothing, about {@code subject} (nullable when unknown). */
    public static Meta anonymous(Instant at, UserId subject, RequestContext request) {
      return new Meta(at, subject, Initiator.anonymous(), null, request);
    }

    /** An administrator acting on something other than an account (a webhook endpoint). */
    public static Meta byAdmin(Instant at, Actor actor, RequestContext request) {
      return new Meta(at, null, new Initiator(Initiator.Kind.ADMIN, actor.id()), actor.session(),
          request);
    }

    /** This meta with {@code subject}; for events built once for many accounts (the purge). */
    public Meta about(UserId subject) {
      return new Meta(at, subject, actor, session, request);
    }

    Meta requireSubject() {
      Objects.requireNonNull(subject, "subject");
      return this;
    }
  }

  private static Map<String, String> details(Object... keysAndValues) {
    Map<String, String> details = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        details.put((String) keysAndValues[i], keysAndValues[i + 1].toString());
      }
    }
    return Map.copyOf(details);
  }

  /** A new account was stored. */
  record Registered(Meta meta, Email email) implements UserEvent {
    public Registered {
      meta = meta.requireSubject();
      Objects.requireNonNull(email, "email");
    }

    @Override public EventType type() {
      return EventType.REGISTERED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("email", email);
    }
  }

  /** The account's address was verified for the first time. */
  record EmailVerified(Meta meta, Email email) implements UserEvent {
    public EmailVerified {
      meta = meta.requireSubject();
      Objects.requireNonNull(email, "email");
    }

    @Override public EventType type() {
      return EventType.EMAIL_VERIFIED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("email", email);
    }
  }

  /** A letter with an email-verification code was queued to {@code to}. */
  record VerificationCodeSent(Meta meta, Email to) implements UserEvent {
    public VerificationCodeSent {
      meta = meta.requireSubject();
      Objects.requireNonNull(to, "to");
    }

    @Override public EventType type() {
      return EventType.VERIFICATION_CODE_SENT;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("to", to);
    }
  }

  /** A session was started with the right password ({@link Meta#session()} is the new one). */
  record LoginSucceeded(Meta meta) implements UserEvent {
    public LoginSucceeded {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.LOGIN_SUCCEEDED;
    }
  }

  /**
   * A login was refused. The reason is recorded for administrators and logs only: no public
   * surface tells an unknown account from a wrong password.
   *
   * @param email the address that was tried
   */
  record LoginFailed(Meta meta, Email email, Reason reason) implements UserEvent {

    /** Why the login failed. */
    public enum Reason {
      /** No account has the email; {@link Meta#subject()} is {@code null}. */
      UNKNOWN_ACCOUNT,
      WRONG_PASSWORD,
      /**
       * The password was right but the account is disabled; the caller is answered exactly as
       * for a wrong password.
       */
      ACCOUNT_DISABLED,
      /**
       * The account or the address had to wait; refused before the account was looked up, so
       * {@link Meta#subject()} is {@code null}.
       */
      THROTTLED,
      /**
       * The password was right, but the one-time password or recovery code given for its
       * challenge was wrong, already used, or the challenge was invalid or expired.
       */
      WRONG_SECOND_FACTOR,
      /**
       * The password was right but the sign-in asked for a role the account does not have (the
       * admin console admits administrators only); the caller is answered exactly as for a
       * wrong password.
       */
      ROLE_REQUIRED;

      public String wireName() {
        return name().toLowerCase(Locale.ROOT);
      }
    }

    public LoginFailed {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(reason, "reason");
    }

    @Override public EventType type() {
      return EventType.LOGIN_FAILED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("email", email, "reason", reason.wireName());
    }
  }

  /** A refresh token the session had already rotated was presented again: the session ended. */
  record RefreshReuseDetected(Meta meta) implements UserEvent {
    public RefreshReuseDetected {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.REFRESH_REUSE_DETECTED;
    }
  }

  /** A session was ended by its refresh token. */
  record LoggedOut(Meta meta) implements UserEvent {
    public LoggedOut {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.LOGGED_OUT;
    }
  }

  /** Every session of the user was ended at their request. */
  record LoggedOutEverywhere(Meta meta) implements UserEvent {
    public LoggedOutEverywhere {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.LOGGED_OUT_EVERYWHERE;
    }
  }

  /** The owner set a new password, giving the current one; their other sessions ended. */
  record PasswordChanged(Meta meta) implements UserEvent {
    public PasswordChanged {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.PASSWORD_CHANGED;
    }
  }

  /**
   * A password reset was asked for the account.
   *
   * @param codeSent whether a code was mailed; not when one went out moments ago or resets are
   *     locked after too many wrong codes
   */
  record PasswordResetRequested(Meta meta, boolean codeSent) implements UserEvent {
    public PasswordResetRequested {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.PASSWORD_RESET_REQUESTED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("code_sent", codeSent);
    }
  }

  /** A new password was set with a mailed code; every session ended. */
  record PasswordReset(Meta meta) implements UserEvent {
    public PasswordReset {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.PASSWORD_RESET;
    }
  }

  /**
   * The account's address was replaced by {@code newEmail}, which must now be verified (a code
   * went to it, a notice to the old one).
   */
  record EmailChangeRequested(Meta meta, Email oldEmail, Email newEmail) implements UserEvent {
    public EmailChangeRequested {
      meta = meta.requireSubject();
      Objects.requireNonNull(oldEmail, "oldEmail");
      Objects.requireNonNull(newEmail, "newEmail");
    }

    @Override public EventType type() {
      return EventType.EMAIL_CHANGE_REQUESTED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("old_email", oldEmail, "new_email", newEmail);
    }
  }

  /** A changed address was verified: the change is complete. */
  record EmailChanged(Meta meta, Email email) implements UserEvent {
    public EmailChanged {
      meta = meta.requireSubject();
      Objects.requireNonNull(email, "email");
    }

    @Override public EventType type() {
      return EventType.EMAIL_CHANGED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("email", email);
    }
  }

  /**
   * Names or the letters' language were changed; {@code fields} lists which ({@code first_name},
   * {@code last_name}, {@code locale}).
   */
  record ProfileUpdated(Meta meta, List<String> fields) implements UserEvent {
    public ProfileUpdated {
      meta = meta.requireSubject();
      fields = List.copyOf(fields);
    }

    @Override public EventType type() {
      return EventType.PROFILE_UPDATED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("fields", String.join(",", fields));
    }
  }

  /** An administrator changed the account's role; its sessions ended. */
  record RoleChanged(Meta meta, Role oldRole, Role newRole) implements UserEvent {
    public RoleChanged {
      meta = meta.requireSubject();
      Objects.requireNonNull(oldRole, "oldRole");
      Objects.requireNonNull(newRole, "newRole");
    }

    @Override public EventType type() {
      return EventType.ROLE_CHANGED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("old_role", oldRole, "new_role", newRole);
    }
  }

  /** An administrator deleted the account. */
  record UserDeleted(Meta meta) implements UserEvent {
    public UserDeleted {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.USER_DELETED;
    }
  }

  /** The account was removed for never being verified in time. */
  record UserPurged(Meta meta) implements UserEvent {
    public UserPurged {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.USER_PURGED;
    }
  }

  /**
   * No administrator existed at start-up, so one was made: created anew, or the verified account
   * with the configured email promoted ({@code promoted}).
   */
  record AdminCreated(Meta meta, Email email, boolean promoted) implements UserEvent {
    public AdminCreated {
      meta = meta.requireSubject();
      Objects.requireNonNull(email, "email");
    }

    @Override public EventType type() {
      return EventType.ADMIN_CREATED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("email", email, "promoted", promoted);
    }
  }

  /**
   * The account was imported with a password hash made elsewhere, its address verified or not
   * as the source said; no letter was sent.
   */
  record UserImported(Meta meta, Email email, boolean emailVerified) implements UserEvent {
    public UserImported {
      meta = meta.requireSubject();
      Objects.requireNonNull(email, "email");
    }

    @Override public EventType type() {
      return EventType.USER_IMPORTED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("email", email, "email_verified", emailVerified);
    }
  }

  /**
   * An administrator invited the address: the account was created without a usable password
   * ({@code resent} false), or its invitation was sent again with a new code ({@code resent}
   * true); the letter is valid until {@code expiresAt}.
   */
  record Invited(Meta meta, Email email, Instant expiresAt, boolean resent) implements UserEvent {
    public Invited {
      meta = meta.requireSubject();
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override public EventType type() {
      return EventType.INVITED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("email", email, "expires_at", expiresAt, "resent", resent);
    }
  }

  /** The invited owner set the password with the mailed code; the address is verified. */
  record InvitationAccepted(Meta meta, Email email) implements UserEvent {
    public InvitationAccepted {
      meta = meta.requireSubject();
      Objects.requireNonNull(email, "email");
    }

    @Override public EventType type() {
      return EventType.INVITATION_ACCEPTED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("email", email);
    }
  }

  /**
   * The account's custom attributes were replaced: {@code fields} names which of
   * {@code metadata} and {@code app_metadata} changed (never their values).
   */
  record MetadataChanged(Meta meta, List<String> fields) implements UserEvent {
    public MetadataChanged {
      meta = meta.requireSubject();
      fields = List.copyOf(fields);
    }

    @Override public EventType type() {
      return EventType.METADATA_CHANGED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("fields", String.join(",", fields));
    }
  }

  /** An administrator disabled the account; every session of it ended. */
  record UserSuspended(Meta meta, StatusReason reason) implements UserEvent {
    public UserSuspended {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.USER_SUSPENDED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("reason", reason);
    }
  }

  /** An administrator enabled the disabled account again; no session of it came back. */
  record UserReactivated(Meta meta) implements UserEvent {
    public UserReactivated {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.USER_REACTIVATED;
    }
  }

  /**
   * An administrator registered an OAuth client ({@link Meta#subject()} is {@code null}: the event
   * is about no account).
   */
  record ClientCreated(Meta meta, ClientId client, String name, Scopes scopes)
      implements UserEvent {
    public ClientCreated {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(scopes, "scopes");
    }

    @Override public EventType type() {
      return EventType.CLIENT_CREATED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("client_id", client, "name", name, "scope", scopes.text());
    }
  }

  /** An administrator deleted an OAuth client: its tokens stop introspecting as active. */
  record ClientDeleted(Meta meta, ClientId client) implements UserEvent {
    public ClientDeleted {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(client, "client");
    }

    @Override public EventType type() {
      return EventType.CLIENT_DELETED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("client_id", client);
    }
  }

  /** A client obtained an access token with its own credentials ({@code client_credentials}). */
  record ClientTokenIssued(Meta meta, ClientId client, Scopes scopes) implements UserEvent {
    public ClientTokenIssued {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(scopes, "scopes");
    }

    @Override public EventType type() {
      return EventType.CLIENT_TOKEN_ISSUED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("client_id", client, "scope", scopes.text());
    }
  }

  /**
   * One session of the account was ended from the session list, by its owner or an administrator;
   * {@link Meta#session()} is the session that ended.
   */
  record SessionEnded(Meta meta) implements UserEvent {
    public SessionEnded {
      meta = meta.requireSubject();
      Objects.requireNonNull(meta.session(), "session");
    }

    @Override public EventType type() {
      return EventType.SESSION_ENDED;
    }
  }

  /** The owner deleted their own account, giving its password. */
  record UserSelfDeleted(Meta meta) implements UserEvent {
    public UserSelfDeleted {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.USER_SELF_DELETED;
    }
  }

  /** The owner took a copy of everything the service holds about the account. */
  record DataExported(Meta meta) implements UserEvent {
    public DataExported {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.DATA_EXPORTED;
    }
  }

  /**
   * A client revoked a user's token (RFC 7009): the session it belongs to ended.
   *
   * @param by the client that asked
   * @param tokenType {@code refresh_token} or {@code access_token}: what was presented
   */
  record TokenRevoked(Meta meta, ClientId by, String tokenType) implements UserEvent {
    public TokenRevoked {
      meta = meta.requireSubject();
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(tokenType, "tokenType");
    }

    @Override public EventType type() {
      return EventType.TOKEN_REVOKED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("client_id", by, "token_type", tokenType);
    }
  }

  /** An administrator registered a webhook endpoint. */
  record WebhookCreated(Meta meta, WebhookId webhook) implements UserEvent {
    public WebhookCreated {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(webhook, "webhook");
    }

    @Override public EventType type() {
      return EventType.WEBHOOK_CREATED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("webhook_id", webhook);
    }
  }

  /**
   * An administrator changed a webhook endpoint; {@code fields} lists what ({@code url},
   * {@code description}, {@code event_types}, {@code enabled}).
   */
  record WebhookUpdated(Meta meta, WebhookId webhook, List<String> fields) implements UserEvent {
    public WebhookUpdated {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(webhook, "webhook");
      fields = List.copyOf(fields);
    }

    @Override public EventType type() {
      return EventType.WEBHOOK_UPDATED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("webhook_id", webhook, "fields", String.join(",", fields));
    }
  }

  /** An administrator removed a webhook endpoint. */
  record WebhookDeleted(Meta meta, WebhookId webhook) implements UserEvent {
    public WebhookDeleted {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(webhook, "webhook");
    }

    @Override public EventType type() {
      return EventType.WEBHOOK_DELETED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("webhook_id", webhook);
    }
  }

  /** An administrator gave a webhook endpoint a new signing secret (never recorded). */
  record WebhookSecretRotated(Meta meta, WebhookId webhook) implements UserEvent {
    public WebhookSecretRotated {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(webhook, "webhook");
    }

    @Override public EventType type() {
      return EventType.WEBHOOK_SECRET_ROTATED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("webhook_id", webhook);
    }
  }

  /**
   * The service disabled a webhook endpoint: every attempt to deliver to it failed for as long
   * as it allows ({@code reason} says so, with the last error).
   */
  record WebhookDisabled(Meta meta, WebhookId webhook, String reason) implements UserEvent {
    public WebhookDisabled {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(webhook, "webhook");
      Objects.requireNonNull(reason, "reason");
    }

    @Override public EventType type() {
      return EventType.WEBHOOK_DISABLED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("webhook_id", webhook, "reason", reason);
    }
  }

  /** The owner asked for a new one-time password secret; it guards nothing until confirmed. */
  record TotpEnrolmentStarted(Meta meta) implements UserEvent {
    public TotpEnrolmentStarted {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.TOTP_ENROLMENT_STARTED;
    }
  }

  /** The owner confirmed a one-time password (TOTP): logins now need it. */
  record TotpEnrolled(Meta meta) implements UserEvent {
    public TotpEnrolled {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.TOTP_ENROLLED;
    }
  }

  /** The owner turned their one-time password off, with its recovery codes. */
  record TotpRemoved(Meta meta) implements UserEvent {
    public TotpRemoved {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.TOTP_REMOVED;
    }
  }

  /** An administrator removed the account's one-time password, with its recovery codes. */
  record TotpReset(Meta meta) implements UserEvent {
    public TotpReset {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.TOTP_RESET;
    }
  }

  /** The owner replaced their recovery codes with new ones. */
  record RecoveryCodesRegenerated(Meta meta) implements UserEvent {
    public RecoveryCodesRegenerated {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.RECOVERY_CODES_REGENERATED;
    }
  }

  /**
   * A recovery code stood in for the one-time password; it is spent.
   *
   * @param left how many unused recovery codes remain
   */
  record RecoveryCodeUsed(Meta meta, int left) implements UserEvent {
    public RecoveryCodeUsed {
      meta = meta.requireSubject();
    }

    @Override public EventType type() {
      return EventType.RECOVERY_CODE_USED;
    }

    @Override public Map<String, String> details() {
      return UserEvent.details("left", left);
    }
  }
}
