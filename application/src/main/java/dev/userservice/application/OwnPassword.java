package dev.userservice.application;

import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.User;
import dev.userservice.domain.port.PasswordHasher;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The current password asked before a sensitive change of one's own account, checked under the
 * same throttles as a login, so a stolen access token is no way around them.
 */
@Singleton
final class OwnPassword {

  private final PasswordHasher hasher;
  private final LoginThrottle throttle;

  @Inject
  OwnPassword(PasswordHasher hasher, LoginThrottle throttle) {
    this.hasher = hasher;
    this.throttle = throttle;
  }

  /**
   * @throws InvalidInputException on {@code current_password} when it is wrong
   * @throws dev.userservice.domain.ThrottledException while the account or the address must wait
   */
  void check(User user, Password password, RequestContext request) {
    throttle.reserve(user.email(), request.clientAddress());
    if (!hasher.verify(password, user.passwordHash())) {
      throw InvalidInputException.of("current_password", "is wrong");
    }
    throttle.succeeded(user.email(), request.clientAddress());
  }
}
