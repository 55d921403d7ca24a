package dev.userservice.application;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.Email;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidCodeException;
import dev.userservice.domain.Password;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.CodeCheck;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;

/** Sets a new password with a mailed reset code. */
@Singleton
public final class ResetPassword {

  /**
   * The account's email, the mailed code and the new password.
   *
   * @param request where the request came from, for the per-address throttle and the event;
   *     {@code null} when the caller is trusted code rather than a network client
   */
  public record Command(Email email, VerificationCode code, Password newPassword,
      RequestContext request) {

    /**
     * A reset from raw values, as a client sends them.
     *
     * @throws dev.userservice.domain.InvalidInputException naming every invalid field
     */
    public Command(String email, String code, String newPassword, RequestContext request) {
      this(new FieldErrors(), email, code, newPassword, request);
    }

    private Command(FieldErrors errors, String email, String code, String newPassword,
        RequestContext request) {
      this(errors.parse(() -> Email.of(email, "email")),
          errors.parse(() -> VerificationCode.parse(code)),
          errors.parse(() -> Password.of(newPassword, "new_password")),
          errors.throwIfAnyElse(request));
    }

    /** A reset by trusted code: no client address, so no per-address limit. */
    public Command(String email, String code, String newPassword) {
      this(email, code, newPassword, null);
    }

    public Command {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(newPassword, "newPassword");
      request = RequestContext.orNone(request);
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final MailOutbox outbox;
  private final Letters letters;
  private final PasswordHasher hasher;
  private final NewPasswords newPasswords;
  private final Clock clock;
  private final SecurityPolicy policy;
  private final Throttles throttles;
  private final Codes codes;
  private final LoginThrottle loginThrottle;

  @Inject
  ResetPassword(UserRepository users, UserWrites writes, MailOutbox outbox, Letters letters,
      PasswordHasher hasher, NewPasswords newPasswords, Clock clock, SecurityPolicy policy, Throttles throttles,
      Codes codes, LoginThrottle loginThrottle) {
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.hasher = hasher;
    this.newPasswords = newPasswords;
    this.clock = clock;
    this.policy = policy;
    this.throttles = throttles;
    this.codes = codes;
    this.loginThrottle = loginThrottle;
  }

  /**
   * Consumes the code, sets the new password, ends every session, lifts the login throttle, and
   * mails the account's address a notice that its password was reset. The code proves the
   * mailbox, so an unverified email becomes verified. {@code password_reset} is stored with the
   * change.
   *
   * <p>Every failure of the code is the same {@link InvalidCodeException.Reason#INVALID}: a
   * wrong, expired or exhausted code, an unknown email, and an account whose resets are locked
   * alike, so the answer never tells accounts apart. Wrong codes count against the policy's
   * {@link SecurityPolicy.CodeRules#resetGuessCap() cap} across codes; the miss that reaches it
   * mails the owner once.
   *
   * @throws dev.userservice.domain.InvalidInputException when the new password breaks the
   *     password rules (length, the email's name, common and breached passwords); checked before
   *     the code, from the request alone, so it tells nothing about the account
   * @throws dev.userservice.domain.ThrottledException when the client address confirmed too many
   *     codes (shared with {@link VerifyEmail})
   * @throws InvalidCodeException when the code cannot be accepted, for whatever reason
   */
  public void reset(Command command) {
    newPasswords.check(command.newPassword(), "new_password", command.email());
    throttles.perAddress(VerifyEmail.CODE_CHECKS, command.request().clientAddress());
    Optional<User> found = users.findByEmail(command.email());
    if (found.isEmpty()) {
      // The same store round trip as for an account; nothing is stored for NOBODY.
      codes.check(Codes.NOBODY, CodePurpose.PASSWORD_RESET, command.code(), null);
      throw invalid();
    }
    User user = found.get();
    CodeCheck outcome = codes.check(user.id(), CodePurpose.PASSWORD_RESET, command.code(),
        policy.codes().resetGuessCap());
    if (outcome == CodeCheck.CAP_REACHED) {
      outbox.enqueue(letters.passwordResetLocked(user), clock.now());
    }
    if (outcome != CodeCheck.ACCEPTED) {
      throw invalid();
    }
    var now = clock.now();
    User changed = user.withPasswordHash(hasher.hash(command.newPassword()), now);
    writes.updatePassword(user, changed.isEmailVerified() ? changed : changed.verified(now),
        null, new UserEvent.PasswordReset(
            UserEvent.Meta.bySelf(now, user.id(), null, command.request())));
    loginThrottle.forget(user.email());
    outbox.enqueue(letters.passwordChanged(user, true, now), now);
  }

  private static InvalidCodeException invalid() {
    return new InvalidCodeException(InvalidCodeException.Reason.INVALID);
  }
}
