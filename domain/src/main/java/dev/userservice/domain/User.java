package dev.userservice.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A registered account. Immutable: {@link #register} makes a new one, {@link #restore} rebuilds a
 * stored one, and each {@code with...} method returns the changed copy (same {@link #version()};
 * the repository checks it and bumps it when it stores the change).
 */
public final class User {

  private final UserId id;
  private final Email email;
  private final PersonName firstName;
  private final PersonName lastName;
  private final LanguageTag locale;
  private final PasswordHash passwordHash;
  private final Role role;
  private final Instant emailVerifiedAt;
  private final boolean everVerified;
  private final AccountStatus status;
  private final StatusReason statusReason;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final long version;
  private final TotpFactor totp;
  private final Instant invitedUntil;
  private final Metadata metadata;
  private final Metadata appMetadata;

  /**
   * Every {@code User} is built from a {@code Draft}, and every change copies this one into a
   * draft ({@link #change}): a new field is added here, in {@link #User(Draft)} and in
   * {@link Draft#Draft(User)}, and no {@code with...} method has to list it.
   */
  private static final class Draft {
    UserId id;
    Email email;
    PersonName firstName;
    PersonName lastName;
    LanguageTag locale;
    PasswordHash passwordHash;
    Role role;
    Instant emailVerifiedAt;
    boolean everVerified;
    AccountStatus status = AccountStatus.ACTIVE;
    StatusReason statusReason;
    Instant createdAt;
    Instant updatedAt;
    long version;
    TotpFactor totp;
    Instant invitedUntil;
    Metadata metadata = Metadata.EMPTY;
    Metadata appMetadata = Metadata.EMPTY;

    Draft() {
    }

    Draft(User user) {
      id = user.id;
      email = user.email;
      firstName = user.firstName;
      lastName = user.lastName;
      locale = user.locale;
      passwordHash = user.passwordHash;
      role = user.role;
      emailVerifiedAt = user.emailVerifiedAt;
      everVerified = user.everVerified;
      status = user.status;
      statusReason = user.statusReason;
      createdAt = user.createdAt;
      updatedAt = user.updatedAt;
      version = user.version;
      totp = user.totp;
      invitedUntil = user.invitedUntil;
      metadata = user.metadata;
      appMetadata = user.appMetadata;
    }
  }

  private User(Draft draft) {
    this.id = Objects.requireNonNull(draft.id, "id");
    this.email = Objects.requireNonNull(draft.email, "email");
    this.firstName = draft.firstName;
    this.lastName = draft.lastName;
    this.locale = Objects.requireNonNull(draft.locale, "locale");
    this.passwordHash = Objects.requireNonNull(draft.passwordHash, "passwordHash");
    this.role = Objects.requireNonNull(draft.role, "role");
    this.emailVerifiedAt = draft.emailVerifiedAt;
    if (draft.emailVerifiedAt != null && !draft.everVerified) {
      throw new IllegalArgumentException("a verified email means the account was verified");
    }
    this.everVerified = draft.everVerified;
    this.status = Objects.requireNonNull(draft.status, "status");
    if (draft.statusReason != null && draft.status != AccountStatus.DISABLED) {
      throw new IllegalArgumentException("only a disabled account has a status reason");
    }
    this.statusReason = draft.statusReason;
    this.createdAt = Objects.requireNonNull(draft.createdAt, "createdAt");
    this.updatedAt = Objects.requireNonNull(draft.updatedAt, "updatedAt");
    if (draft.version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
    this.version = draft.version;
    this.totp = draft.totp;
    if (draft.invitedUntil != null && draft.emailVerifiedAt != null) {
      throw new IllegalArgumentException("an invitation ends when the email is verified");
    }
    this.invitedUntil = draft.invitedUntil;
    this.metadata = Objects.requireNonNull(draft.metadata, "metadata");
    this.appMetadata = Objects.requireNonNull(draft.appMetadata, "appMetadata");
  }

  /** The copy with {@code edit} applied, checked again like any new one. */
  private User change(Consumer<Draft> edit) {
    Draft draft = new Draft(this);
    edit.accept(draft);
    return new User(draft);
  }

  /** A change made at {@code now}: {@link #updatedAt()} becomes {@code now}. */
  private User change(Instant now, Consumer<Draft> edit) {
    return change(draft -> {
      edit.accept(draft);
      draft.updatedAt = now;
    });
  }

  /** A new, unverified account (version 0) whose letters are in English. */
  public static User register(UserId id, Email email, PersonName firstName, PersonName lastName,
      PasswordHash passwordHash, Role role, Instant now) {
    return register(id, email, firstName, lastName, LanguageTag.ENGLISH, passwordHash, role, now);
  }

  /** A new, unverified account (version 0) whose letters are in {@code locale}. */
  public static User register(UserId id, Email email, PersonName firstName, PersonName lastName,
      LanguageTag locale, PasswordHash passwordHash, Role role, Instant now) {
    return restore(id, email, firstName, lastName, locale, passwordHash, role, null, false,
        AccountStatus.ACTIVE, null, now, now, 0);
  }

  /**
   * Rebuilds a stored account exactly as it was saved; {@code statusReason} only with
   * {@link AccountStatus#DISABLED}.
   */
  public static User restore(UserId id, Email email, PersonName firstName, PersonName lastName,
      LanguageTag locale, PasswordHash passwordHash, Role role, Instant emailVerifiedAt,
      boolean everVerified, AccountStatus status, StatusReason statusReason, Instant createdAt,
      Instant updatedAt, long version) {
    return restore(id, email, firstName, lastName, locale, passwordHash, role, emailVerifiedAt,
        everVerified, status, statusReason, createdAt, updatedAt, version, null);
  }

  /**
   * Rebuilds a stored account exactly as it was saved, with its one-time password factor
   * ({@code null}: none).
   */
  public static User restore(UserId id, Email email, PersonName firstName, PersonName lastName,
      LanguageTag locale, PasswordHash passwordHash, Role role, Instant emailVerifiedAt,
      boolean everVerified, AccountStatus status, StatusReason statusReason, Instant createdAt,
      Instant updatedAt, long version, TotpFactor totp) {
    return restore(id, email, firstName, lastName, locale, passwordHash, role, emailVerifiedAt,
        everVerified, status, statusReason, createdAt, updatedAt, version, totp, null,
        Metadata.EMPTY, Metadata.EMPTY);
  }

  /**
   * Rebuilds a stored account exactly as it was saved, with its one-time password factor, the
   * end of its pending invitation ({@code null}: none; only for an unverified email) and its
   * custom attributes.
   */
  public static User restore(UserId id, Email email, PersonName firstName, PersonName lastName,
      LanguageTag locale, PasswordHash passwordHash, Role role, Instant emailVerifiedAt,
      boolean everVerified, AccountStatus status, StatusReason statusReason, Instant createdAt,
      Instant updatedAt, long version, TotpFactor totp, Instant invitedUntil, Metadata metadata,
      Metadata appMetadata) {
    Draft draft = new Draft();
    draft.invitedUntil = invitedUntil;
    draft.metadata = metadata;
    draft.appMetadata = appMetadata;
    draft.totp = totp;
    draft.status = status;
    draft.statusReason = statusReason;
    draft.id = id;
    draft.email = email;
    draft.firstName = firstName;
    draft.lastName = lastName;
    draft.locale = locale;
    draft.passwordHash = passwordHash;
    draft.role = role;
    draft.emailVerifiedAt = emailVerifiedAt;
    draft.everVerified = everVerified;
    draft.createdAt = createdAt;
    draft.updatedAt = updatedAt;
    draft.version = version;
    return new User(draft);
  }

  public User withNames(PersonName newFirstName, PersonName newLastName, Instant now) {
    return change(now, draft -> {
      draft.firstName = newFirstName;
      draft.lastName = newLastName;
    });
  }

  /** A changed address must be proven again, so it comes back unverified. */
  public User withEmail(Email newEmail, Instant now) {
    if (newEmail.equals(email)) {
      return this;
    }
    return change(now, draft -> {
      draft.email = newEmail;
      draft.emailVerifiedAt = null;
    });
  }

  /** The account's letters are written in {@code newLocale} from now on. */
  public User withLocale(LanguageTag newLocale, Instant now) {
    return change(now, draft -> draft.locale = Objects.requireNonNull(newLocale, "locale"));
  }

  public User withPasswordHash(PasswordHash newHash, Instant now) {
    return change(now, draft -> draft.passwordHash = newHash);
  }

  public User withRole(Role newRole, Instant now) {
    return change(now, draft -> draft.role = newRole);
  }

  /**
   * The account with {@code newStatus}; {@code reason} is kept only for a disabled one (enabling
   * an account drops the reason it was disabled for).
   */
  public User withStatus(AccountStatus newStatus, StatusReason reason, Instant now) {
    return change(now, draft -> {
      draft.status = newStatus;
      draft.statusReason = newStatus == AccountStatus.DISABLED ? reason : null;
    });
  }

  /** The account with {@code factor} as its one-time password ({@code null}: none). */
  public User withTotp(TotpFactor factor, Instant now) {
    return change(now, draft -> draft.totp = factor);
  }

  /** The account with its email verified; a verified mailbox ends a pending invitation. */
  public User verified(Instant now) {
    return change(now, draft -> {
      draft.emailVerifiedAt = now;
      draft.everVerified = true;
      draft.invitedUntil = null;
    });
  }

  /**
   * The unverified account with an invitation pending until {@code until}: its owner sets the
   * password with the mailed code ({@link #invitedUntil()}).
   *
   * @throws IllegalArgumentException when the email is verified
   */
  public User invited(Instant until, Instant now) {
    Objects.requireNonNull(until, "until");
    return change(now, draft -> draft.invitedUntil = until);
  }

  /** The account with the custom attributes its owner may edit replaced by {@code newMetadata}. */
  public User withMetadata(Metadata newMetadata, Instant now) {
    return change(now, draft -> draft.metadata = newMetadata);
  }

  /** The account with the custom attributes only administrators write replaced. */
  public User withAppMetadata(Metadata newAppMetadata, Instant now) {
    return change(now, draft -> draft.appMetadata = newAppMetadata);
  }

  /** Custom attributes the owner may edit (a profile's preferences); empty by default. */
  public Metadata metadata() {
    return metadata;
  }

  /**
   * Custom attributes only administrators and trusted code write (a plan, a tenant); empty by
   * default. Top-level members may be copied into access tokens as claims.
   */
  public Metadata appMetadata() {
    return appMetadata;
  }

  /**
   * When the account's invitation expires; empty when it was not invited or accepted it. Until
   * then it is never purged as unverified.
   */
  public Optional<Instant> invitedUntil() {
    return Optional.ofNullable(invitedUntil);
  }

  /** The copy a repository returns after storing this one. */
  public User nextVersion() {
    return change(draft -> draft.version = version + 1);
  }

  public UserId id() {
    return id;
  }

  public Email email() {
    return email;
  }

  public Optional<PersonName> firstName() {
    return Optional.ofNullable(firstName);
  }

  public Optional<PersonName> lastName() {
    return Optional.ofNullable(lastName);
  }

  /** The language the account's letters are written in. */
  public LanguageTag locale() {
    return locale;
  }

  public PasswordHash passwordHash() {
    return passwordHash;
  }

  public Role role() {
    return role;
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public boolean isEmailVerified() {
    return emailVerifiedAt != null;
  }

  /**
   * Whether any address of this account was ever verified. Only accounts never verified are
   * purged; one that changed its email and has not yet confirmed the new one is kept.
   */
  public boolean everVerified() {
    return everVerified;
  }

  public AccountStatus status() {
    return status;
  }

  /** Whether the account may log in and hold sessions (it is not disabled). */
  public boolean isActive() {
    return status == AccountStatus.ACTIVE;
  }

  /** Why the account was disabled, when it is and a reason was given. */
  public Optional<StatusReason> statusReason() {
    return Optional.ofNullable(statusReason);
  }

  public Optional<Instant> emailVerifiedAt() {
    return Optional.ofNullable(emailVerifiedAt);
  }

  /** The one-time password factor, confirmed or still being enrolled. */
  public Optional<TotpFactor> totp() {
    return Optional.ofNullable(totp);
  }

  /** Whether logins and sensitive actions need a second factor: a confirmed one-time password. */
  public boolean hasSecondFactor() {
    return totp != null && totp.isConfirmed();
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long version() {
    return version;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof User that
        && id.equals(that.id) && email.equals(that.email)
        && Objects.equals(firstName, that.firstName) && Objects.equals(lastName, that.lastName)
        && locale.equals(that.locale)
        && passwordHash.equals(that.passwordHash) && role == that.role
        && Objects.equals(emailVerifiedAt, that.emailVerifiedAt) && everVerified == that.everVerified
        && status == that.status && Objects.equals(statusReason, that.statusReason)
        && createdAt.equals(that.createdAt) && updatedAt.equals(that.updatedAt)
        && version == that.version && Objects.equals(totp, that.totp)
        && Objects.equals(invitedUntil, that.invitedUntil)
        && metadata.equals(that.metadata) && appMetadata.equals(that.appMetadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version);
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", role=" + role + ", status=" + status.wireName()
        + ", verified=" + isEmailVerified()
        + ", version=" + version + "]";
  }
}
