package dev.userservice.spring.web;

import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.StatusReason;
import dev.userservice.domain.User;
import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it: everything but the password hash (adapter-http's UserJson). */
record UserJson(UUID id, String email, String firstName, String lastName, String locale,
    Role role, boolean emailVerified, Instant emailVerifiedAt, String status, String statusReason,
    Instant createdAt, Instant updatedAt, long version) {

  static UserJson from(User user) {
    return new UserJson(user.id().value(), user.email().value(),
        user.firstName().map(PersonName::value).orElse(null),
        user.lastName().map(PersonName::value).orElse(null),
        user.locale().value(), user.role(), user.isEmailVerified(),
        user.emailVerifiedAt().orElse(null), user.status().wireName(),
        user.statusReason().map(StatusReason::value).orElse(null), user.createdAt(),
        user.updatedAt(), user.version());
  }
}
