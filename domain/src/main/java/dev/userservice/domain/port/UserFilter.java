package dev.userservice.domain.port;

import dev.userservice.domain.Role;
import java.time.Instant;

/**
 * Conditions for listing and counting users; {@code null} means "any". {@code emailContains} is
 * a case-insensitive substring; {@code createdAfter} is exclusive, {@code createdBefore} exclusive.
 */
public record UserFilter(String emailContains, Role role, Boolean emailVerified,
    Instant createdAfter, Instant createdBefore) {

  public static final UserFilter ANY = new UserFilter(null, null, null, null, null);
}
