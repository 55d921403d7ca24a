package dev.userservice.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
  private final PasswordHash passwordHash;
  private final Role role;
  private final Instant emailVerifiedAt;
  private final boolean everVerified;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final long version;

  private User(UserId id, Email email, PersonName firstName, PersonName lastName,
      PasswordHash passwordHash, Role role, Instant emailVerifiedAt, boolean everVerified,
      Instant createdAt, Instant updatedAt, long version) {
    this.id = Objects.requireNonNull(id, "id");
    this.email = Objects.requireNonNull(email, "email");
    this.firstName = firstName;
    this.lastName = lastName;
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    this.role = Objects.requireNonNull(role, "role");
    this.emailVerifiedAt = emailVerifiedAt;
    if (emailVerifiedAt != null && !everVerified) {
      throw new IllegalArgumentException("a verified email means the account was verified");
    }
    this.everVerified = everVerified;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
    this.version = version;
  }

  /** A new, unverified account (version 0). */
  public static User register(UserId id, Email email, PersonName firstName, PersonName lastName,
      PasswordHash passwordHash, Role role, Instant now) {
    return new User(id, email, firstName, lastName, passwordHash, role, null, false, now, now, 0);
  }

  /** Rebuilds a stored account exactly as it was saved. */
  public static User restore(UserId id, Email email, PersonName firstName, PersonName lastName,
      PasswordHash passwordHash, Role role, Instant emailVerifiedAt, boolean everVerified,
      Instant createdAt, Instant updatedAt, long version) {
    return new User(id, email, firstName, lastName, passwordHash, role, emailVerifiedAt,
        everVerified, createdAt, updatedAt, version);
  }

  public User withNames(PersonName newFirstName, PersonName newLastName, Instant now) {
    return new User(id, email, newFirstName, newLastName, passwordHash, role, emailVerifiedAt,
        everVerified, createdAt, now, version);
  }

  /** A changed address must be proven again, so it comes back unverified. */
  public User withEmail(Email newEmail, Instant now) {
    if (newEmail.equals(email)) {
      return this;
    }
    return new User(id, newEmail, firstName, lastName, passwordHash, role, null, everVerified,
        createdAt, now, version);
  }

  public User withPasswordHash(PasswordHash newHash, Instant now) {
    return new User(id, email, firstName, lastName, newHash, role, emailVerifiedAt, everVerified,
        createdAt, now, version);
  }

  public User withRole(Role newRole, Instant now) {
    return new User(id, email, firstName, lastName, passwordHash, newRole, emailVerifiedAt,
        everVerified, createdAt, now, version);
  }

  public User verified(Instant now) {
    return new User(id, email, firstName, lastName, passwordHash, role, now, true, createdAt, now,
        version);
  }

  /** The copy a repository returns after storing this one. */
  public User nextVersion() {
    return new User(id, email, firstName, lastName, passwordHash, role, emailVerifiedAt,
        everVerified, createdAt, updatedAt, version + 1);
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

  public Optional<Instant> emailVerifiedAt() {
    return Optional.ofNullable(emailVerifiedAt);
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
        && passwordHash.equals(that.passwordHash) && role == that.role
        && Objects.equals(emailVerifiedAt, that.emailVerifiedAt) && everVerified == that.everVerified
        && createdAt.equals(that.createdAt) && updatedAt.equals(that.updatedAt)
        && version == that.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version);
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", role=" + role + ", verified=" + isEmailVerified()
        + ", version=" + version + "]";
  }
}
