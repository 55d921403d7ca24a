package dev.userservice.application;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Mails a password-reset code, if the account exists, without saying whether it does. */
@Singleton
public final class RequestPasswordReset {

  private final UserRepository users;
  private final Throttles throttles;
  private final Codes codes;

  @Inject
  public RequestPasswordReset(UserRepository users, TokenStore tokenStore, MailOutbox outbox,
      RandomSource random, Clock clock, SecurityPolicy policy) {
    this.users = users;
    this.throttles = new Throttles(tokenStore, clock, policy);
    this.codes = new Codes(tokenStore, outbox, random, clock, policy);
  }

  /**
   * Queues a reset code for {@code email} if it is registered. Returns normally either way, and
   * the per-user resend limit is applied silently, so the answer never reveals an account.
   *
   * @throws ThrottledException only for the per-address limit, which does not depend on the email
   */
  public void request(Email email, String clientAddress) {
    throttles.perAddress("reset", clientAddress);
    users.findByEmail(email).ifPresent(user -> {
      try {
        codes.send(user, CodePurpose.PASSWORD_RESET, user.email());
      } catch (ThrottledException tooSoon) {
        // A code went out moments ago; saying so would confirm the account exists.
      }
    });
  }
}
