package dev.userservice.adapter.http.json;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.Role;
import dev.userservice.domain.StatusReason;
import dev.userservice.domain.User;
import java.time.Instant;
import java.util.UUID;

/**
 * A user as the API shows it: everything but the password hash and the second factor's secrets
 * (only whether it is on).
 */
public record UserJson(UUID id, String email, String firstName, String lastName, String locale,
    Role role, boolean emailVerified, Instant emailVerifiedAt, String status, String statusReason,
    MfaJson mfa, Instant invitedUntil, @JsonRawValue String metadata,
    @JsonRawValue String appMetadata, Instant createdAt, Instant updatedAt, long version) {

  /** Which second factors guard the account: {@code totp} once confirmed. */
  public record MfaJson(boolean totp) {}

  public static UserJson from(User user) {
    return new UserJson(user.id().value(), user.email().value(),
        user.firstName().map(PersonName::value).orElse(null),
        user.lastName().map(PersonName::value).orElse(null),
        user.locale().value(), user.role(), user.isEmailVerified(),
        user.emailVerifiedAt().orElse(null), user.status().wireName(),
        user.statusReason().map(StatusReason::value).orElse(null),
        new MfaJson(user.hasSecondFactor()), user.invitedUntil().orElse(null),
        user.metadata().json(), user.appMetadata().json(), user.createdAt(),
        user.updatedAt(), user.version());
  }
}
