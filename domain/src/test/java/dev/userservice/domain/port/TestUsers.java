package dev.userservice.domain.port;

import dev.userservice.domain.Email;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid users for tests: unique emails, random ids, a dummy password hash and instants at
 * microsecond precision (the finest PostgreSQL keeps), so a stored user reads back equal.
 */
public final class TestUsers {

  /** A well-formed PHC string; nothing ever verifies it. */
  public static final PasswordHash PASSWORD_HASH =
      new PasswordHash("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g");

  /** A fixed instant with microseconds, to catch adapters that lose precision. */
  public static final Instant T0 = Instant.parse("2025-06-01T12:00:00.123456Z");

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private TestUsers() {}

  /** A builder for an unverified {@link Role#USER} created at {@link #T0} with a unique email. */
  public static Builder user() {
    return new Builder();
  }

  /** An address no other call returns, in this JVM or (very likely) any other. */
  public static Email uniqueEmail() {
    return new Email("user" + SEQUENCE.incrementAndGet() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@example.test");
  }

  /** Builds a {@link User} through {@link User#register} (and {@link User#verified}). */
  public static final class Builder {

    private UserId id = new UserId(UUID.randomUUID());
    private Email email = uniqueEmail();
    private String firstName;
    private String lastName;
    private Role role = Role.USER;
    private Instant createdAt = T0;
    private boolean verified;
    private Instant verifiedAt;
    private Instant invitedUntil;

    private Builder() {}

    public Builder id(String uuid) {
      this.id = new UserId(UUID.fromString(uuid));
      return this;
    }

    public Builder email(String address) {
      this.email = new Email(address);
      return this;
    }

    public Builder names(String first, String last) {
      this.firstName = first;
      this.lastName = last;
      return this;
    }

    public Builder role(Role newRole) {
      this.role = newRole;
      return this;
    }

    /** A verified administrator, as the first admin is created. */
    public Builder admin() {
      this.role = Role.ADMIN;
      this.verified = true;
      return this;
    }

    public Builder createdAt(Instant instant) {
      this.createdAt = instant;
      return this;
    }

    /** Verified at creation time (or at {@link #verifiedAt} when given). */
    public Builder verified() {
      this.verified = true;
      return this;
    }

    public Builder verifiedAt(Instant instant) {
      this.verified = true;
      this.verifiedAt = instant;
      return this;
    }

    /** Invited at creation time, the invitation pending until {@code until}. */
    public Builder invitedUntil(Instant until) {
      this.invitedUntil = until;
      return this;
    }

    public User build() {
      User user = User.register(id, email, PersonName.ofNullable(firstName, "first_name"),
          PersonName.ofNullable(lastName, "last_name"), PASSWORD_HASH, role, createdAt);
      if (invitedUntil != null) {
        user = user.invited(invitedUntil, createdAt);
      }
      return verified ? user.verified(verifiedAt == null ? createdAt : verifiedAt) : user;
    }
  }
}
