package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.Password;
import dev.userservice.domain.User;
import dev.userservice.domain.port.Clock;
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
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SecurityPolicy policy;

  @Inject
  public ChangePassword(UserRepository users, TokenStore tokenStore, PasswordHasher hasher,
      Clock clock, SecurityPolicy policy) {
    this.users = users;
    this.tokenStore = tokenStore;
    this.hasher = hasher;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Sets the new password and ends every other session of the user; the calling session stays.
   *
   * @throws InvalidInputException when the current password is wrong or the new one breaks the
   *     password policy
   */
  public void change(Command command) {
    policy.passwordPolicy().check(command.newPassword(), "new_password");
    User user = users.findById(command.actor().id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    if (!hasher.verify(command.currentPassword(), user.passwordHash())) {
      throw InvalidInputException.of("current_password", "is wrong");
    }
    users.update(user.withPasswordHash(hasher.hash(command.newPassword()), clock.now()));
    tokenStore.revokeOtherSessions(user.id(), command.actor().session());
    tokenStore.userChanged(user.id());
  }
}
