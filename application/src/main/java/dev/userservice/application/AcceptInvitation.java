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
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;

/** The invited owner of an address sets the password with the mailed code and is logged in. */
@Singleton
public final class AcceptInvitation {

  /**
   * The invited email, the mailed code and the password the invitee chose.
   *
   * @param request where the request came from, for the per-address throttle, the session list
   *     and the events; {@code null} for trusted code
   */
  public record Command(Email email, VerificationCode code, Password password,
      RequestContext request) {

    /**
     * An acceptance from raw values, as a client sends them.
     *
     * @throws dev.userservice.domain.InvalidInputException naming every invalid field
     */
    public Command(String email, String code, String password, RequestContext request) {
      this(new FieldErrors(), email, code, password, request);
    }

    private Command(FieldErrors errors, String email, String code, String password,
        RequestContext request) {
      this(errors.parse(() -> Email.of(email, "email")),
          errors.parse(() -> VerificationCode.parse(code)),
          errors.parse(() -> Password.of(password, "password")),
          errors.throwIfAnyElse(request));
    }

    public Command {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(password, "password");
      request = RequestContext.orNone(request);
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final PasswordHasher hasher;
  private final NewPasswords newPasswords;
  private final Clock clock;
  private final Throttles throttles;
  private final Codes codes;
  private final Sessions sessions;
  private final Events events;

  @Inject
  AcceptInvitation(UserRepository users, UserWrites writes, PasswordHasher hasher,
      NewPasswords newPasswords, Clock clock, Throttles throttles, Codes codes,
      Sessions sessions, Events events) {
    this.users = users;
    this.writes = writes;
    this.hasher = hasher;
    this.newPasswords = newPasswords;
    this.clock = clock;
    this.throttles = throttles;
    this.codes = codes;
    this.sessions = sessions;
    this.events = events;
  }

  /**
   * Consumes the invitation's code, sets the password, verifies the email (the code proves the
   * mailbox) and starts a session as a login does. Stored with the change:
   * {@code invitation_accepted}; then {@code login_succeeded} for the session.
   *
   * <p>Every failure of the code is the same {@link InvalidCodeException.Reason#INVALID}: a
   * wrong, expired or exhausted code, an unknown email, an account without a pending invitation
   * and a disabled one alike, so the answer never tells accounts apart.
   *
   * @return the new session's tokens
   * @throws dev.userservice.domain.InvalidInputException when the password breaks the password
   *     rules; checked before the code, from the request alone
   * @throws dev.userservice.domain.ThrottledException when the client address confirmed too many
   *     codes (shared with {@link VerifyEmail} and {@link ResetPassword})
   * @throws InvalidCodeException when the code cannot be accepted, for whatever reason
   */
  public AuthTokens accept(Command command) {
    newPasswords.check(command.password(), "password", command.email());
    throttles.perAddress(VerifyEmail.CODE_CHECKS, command.request().clientAddress());
    Optional<User> found = users.findByEmail(command.email());
    // The same store round trip for an unknown email; nothing is stored for NOBODY.
    CodeCheck outcome = codes.check(found.map(User::id).orElse(Codes.NOBODY), CodePurpose.INVITATION,
        command.code(), null);
    if (outcome != CodeCheck.ACCEPTED || found.isEmpty()
        || found.get().invitedUntil().isEmpty() || !found.get().isActive()) {
      throw new InvalidCodeException(InvalidCodeException.Reason.INVALID);
    }
    User user = found.get();
    var now = clock.now();
    User accepted = user.withPasswordHash(hasher.hash(command.password()), now).verified(now);
    User stored = writes.updatePassword(user, accepted, null, new UserEvent.InvitationAccepted(
        UserEvent.Meta.bySelf(now, user.id(), null, command.request()), user.email()));
    Sessions.Started started = sessions.start(stored, command.request());
    events.publish(new UserEvent.LoginSucceeded(
        UserEvent.Meta.bySelf(clock.now(), user.id(), started.session(), command.request())));
    return started.tokens();
  }
}
