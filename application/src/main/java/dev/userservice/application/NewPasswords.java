package dev.userservice.application;

import dev.userservice.domain.Email;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.port.PasswordBlocklist;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The rules every new password passes, wherever it is set (registration, change, reset, the
 * first administrator): the {@link dev.userservice.domain.PasswordPolicy} (length, nothing built
 * from the email) and the list of common and breached passwords.
 */
@Singleton
final class NewPasswords {

  private final PasswordBlocklist commonPasswords;
  private final SecurityPolicy policy;

  @Inject
  NewPasswords(PasswordBlocklist commonPasswords, SecurityPolicy policy) {
    this.commonPasswords = commonPasswords;
    this.policy = policy;
  }

  /**
   * Returns {@code password} if it may be set for the account with {@code email}.
   *
   * @throws InvalidInputException naming {@code field} when it breaks a rule
   */
  Password check(Password password, String field, Email email) {
    policy.passwordPolicy().check(password, field, email);
    if (commonPasswords.contains(password)) {
      throw InvalidInputException.of(field,
          "is too common: it is on a list of breached or most-used passwords; choose another");
    }
    return password;
  }
}
