package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.Password;
import dev.userservice.domain.User;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.PasswordBlocklist;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Changes the calling user's password, given the current one. */
@Singleton
public final class ChangePassword {

  /** The current password, and the new one. */
  public record Command(Actor actor, Password currentPassword, Password newPassword) {

    public Command(Actor actor, String currentPassword, String newPassword) {
      this(actor, Password.of(currentPassword, "current_password"),
          Password.of(newPassword, "new_password"));
    }

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(currentPassword, "currentPassword");
      Objects.requireNonNull(newPassword, "newPassword");
    }
  }

  private final UserRepository users;
  private final TokenStore tokenStore;
  private final MailOutbox outbox;
  private final PasswordHasher hasher;
  private final NewPasswords newPasswords;
  private final Clock clock;

  @Inject
  public ChangePassword(UserRepository users, TokenStore tokenStore, MailOutbox outbox,
      PasswordHasher hasher, PasswordBlocklist commonPasswords, Clock clock,
      SecurityPolicy policy) {
    this.users = users;
    this.tokenStore = tokenStore;
    this.outbox = outbox;
    this.hasher = hasher;
    this.newPasswords = new NewPasswords(commonPasswords, policy);
    this.clock = clock;
  }

  /**
   * Sets the new password, ends every other session of the user (the calling session stays) and
   * mails the account's address a notice that its password was changed.
   *
   * @throws InvalidInputException when the current password is wrong or the new one breaks the
   *     password rules (length, the email's name, common and breached passwords)
   */
  public void change(Command command) {
    User user = users.findById(command.actor().id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    newPasswords.check(command.newPassword(), "new_password", user.email());
    if (!hasher.verify(command.currentPassword(), user.passwordHash())) {
      throw InvalidInputException.of("current_password", "is wrong");
    }
    var now = clock.now();
    users.update(user.withPasswordHash(hasher.hash(command.newPassword()), now));
    tokenStore.revokeOtherSessions(user.id(), command.actor().session());
    tokenStore.userChanged(user.id());
    outbox.enqueue(Letters.passwordChanged(user.email(), false, now), now);
  }
}
