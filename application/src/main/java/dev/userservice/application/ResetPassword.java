package dev.userservice.application;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.InvalidCodeException;
import dev.userservice.domain.Password;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.PasswordBlocklist;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Sets a new password with a mailed reset code. */
@Singleton
public final class ResetPassword {

  /** The account's email, the mailed code and the new password. */
  public record Command(Email email, VerificationCode code, Password newPassword) {

    public Command(String email, String code, String newPassword) {
      this(Email.of(email, "email"), VerificationCode.parse(code),
          Password.of(newPassword, "new_password"));
    }

    public Command {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(newPassword, "newPassword");
    }
  }

  private final UserRepository users;
  private final TokenStore tokenStore;
  private final MailOutbox outbox;
  private final PasswordHasher hasher;
  private final NewPasswords newPasswords;
  private final Clock clock;
  private final Codes codes;

  @Inject
  public ResetPassword(UserRepository users, TokenStore tokenStore, MailOutbox outbox,
      PasswordHasher hasher, PasswordBlocklist commonPasswords, RandomSource random, Clock clock,
      SecurityPolicy policy) {
    this.users = users;
    this.tokenStore = tokenStore;
    this.outbox = outbox;
    this.hasher = hasher;
    this.newPasswords = new NewPasswords(commonPasswords, policy);
    this.clock = clock;
    this.codes = new Codes(tokenStore, outbox, random, clock, policy);
  }

  /**
   * Consumes the code, sets the new password, ends every session, lifts the login throttle, and
   * mails the account's address a notice that its password was reset. The code proves the
   * mailbox, so an unverified email becomes verified. An unknown email fails exactly like an
   * expired code.
   *
   * @throws dev.userservice.domain.InvalidInputException when the new password breaks the
   *     password rules (length, the email's name, common and breached passwords); checked before
   *     the code, from the request alone, so it tells nothing about the account
   * @throws InvalidCodeException when the code is wrong, expired or exhausted
   */
  public void reset(Command command) {
    newPasswords.check(command.newPassword(), "new_password", command.email());
    User user = users.findByEmail(command.email())
        .orElseThrow(() -> new InvalidCodeException(InvalidCodeException.Reason.EXPIRED));
    codes.consume(user, CodePurpose.PASSWORD_RESET, command.code());
    var now = clock.now();
    User changed = user.withPasswordHash(hasher.hash(command.newPassword()), now);
    users.update(changed.isEmailVerified() ? changed : changed.verified(now));
    tokenStore.revokeAllSessions(user.id());
    tokenStore.clearLoginFailures(AuthenticateUser.throttleKey(user.email()));
    outbox.enqueue(Letters.passwordChanged(user.email(), true, now), now);
  }
}
