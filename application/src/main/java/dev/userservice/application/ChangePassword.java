package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.Password;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Changes the calling user's password, given the current one. */
@Singleton
public final class ChangePassword {

  /**
   * The current password, and the new one; where the request came from, for the per-address
   * throttle and the event ({@code null}: trusted code).
   */
  public record Command(Actor actor, Password currentPassword, Password newPassword,
      RequestContext request) {

    /** A change by trusted code, from raw values. */
    public Command(Actor actor, String currentPassword, String newPassword) {
      this(actor, currentPassword, newPassword, null);
    }

    /**
     * A change from raw values, as a client sends them.
     *
     * @throws dev.userservice.domain.InvalidInputException naming every invalid field
     */
    public Command(Actor actor, String currentPassword, String newPassword,
        RequestContext request) {
      this(new FieldErrors(), actor, currentPassword, newPassword, request);
    }

    private Command(FieldErrors errors, Actor actor, String currentPassword, String newPassword,
        RequestContext request) {
      this(actor, errors.parse(() -> Password.of(currentPassword, "current_password")),
          errors.parse(() -> Password.of(newPassword, "new_password")),
          errors.throwIfAnyElse(request));
    }

    public Command(Actor actor, Password currentPassword, Password newPassword) {
      this(actor, currentPassword, newPassword, null);
    }

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(currentPassword, "currentPassword");
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
  private final OwnPassword ownPassword;
  private final Clock clock;

  @Inject
  ChangePassword(UserRepository users, UserWrites writes, MailOutbox outbox, Letters letters,
      PasswordHasher hasher, NewPasswords newPasswords, OwnPassword ownPassword, Clock clock) {
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.hasher = hasher;
    this.newPasswords = newPasswords;
    this.ownPassword = ownPassword;
    this.clock = clock;
  }

  /**
   * Sets the new password, ends every other session of the user (the calling session stays) and
   * mails the account's address a notice that its password was changed. The current password is
   * checked under the same throttles as a login (per account and per client address, reserved
   * before hashing), so a stolen access token is no way around them. {@code password_changed} is
   * stored with the change.
   *
   * @throws InvalidInputException when the current password is wrong or the new one breaks the
   *     password rules (length, the email's name, common and breached passwords)
   * @throws ThrottledException while the account or the address must wait
   * @throws dev.userservice.domain.ForbiddenException a step-up refusal: the account has a
   *     second factor the session did not pass
   */
  public void change(Command command) {
    User user = users.findById(command.actor().id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    SecondFactors.requireStepUp(command.actor(), user);
    newPasswords.check(command.newPassword(), "new_password", user.email());
    ownPassword.check(user, command.currentPassword(), command.request());
    var now = clock.now();
    writes.updatePassword(user, user.withPasswordHash(hasher.hash(command.newPassword()), now),
        command.actor().session(), new UserEvent.PasswordChanged(
            UserEvent.Meta.by(now, command.actor(), user.id(), command.request())));
    outbox.enqueue(letters.passwordChanged(user, false, now), now);
  }
}
