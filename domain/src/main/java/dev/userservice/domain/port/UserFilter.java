package dev.userservice.domain.port;

import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Role;
import dev.userservice.domain.StoredInstants;
import java.time.Instant;

/**
 * Conditions for listing and counting users; {@code null} means "any". {@code emailContains} is
 * a case-insensitive substring, stripped (blank means any), at most as long as an email and free
 * of control characters; {@code createdAfter} and {@code createdBefore} are exclusive, storable
 * ({@link StoredInstants}) and in that order; {@code appMetadata} is one member of
 * {@code app_metadata} ({@link MetadataMatch}). Building a filter checks all of it, so no adapter
 * meets an invalid one.
 */
public record UserFilter(String emailContains, Role role, Boolean emailVerified,
    Instant createdAfter, Instant createdBefore, AccountStatus status, MetadataMatch appMetadata) {

  public static final UserFilter ANY = new UserFilter(null, null, null, null, null, null, null);

  /** A filter of any {@code app_metadata}. */
  public UserFilter(String emailContains, Role role, Boolean emailVerified, Instant createdAfter,
      Instant createdBefore, AccountStatus status) {
    this(emailContains, role, emailVerified, createdAfter, createdBefore, status, null);
  }

  /** A filter of any status. */
  public UserFilter(String emailContains, Role role, Boolean emailVerified, Instant createdAfter,
      Instant createdBefore) {
    this(emailContains, role, emailVerified, createdAfter, createdBefore, null, null);
  }

  /**
   * @throws InvalidInputException naming every invalid field by its query parameter
   *     ({@code email}, {@code created_after}, {@code created_before})
   */
  public UserFilter {
    emailContains = emailContains == null || emailContains.isBlank() ? null
        : emailContains.strip();
    FieldErrors errors = new FieldErrors();
    if (emailContains != null && emailContains.length() > Email.MAX_LENGTH) {
      errors.reject("email", "must be at most " + Email.MAX_LENGTH + " characters");
    } else if (emailContains != null && emailContains.chars().anyMatch(Character::isISOControl)) {
      errors.reject("email", "must not contain control characters");
    }
    StoredInstants.checkRange(errors, createdAfter, createdBefore);
    errors.throwIfAny();
  }
}
