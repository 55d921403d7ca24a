package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.Password;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Objects;

/** Deletes the calling user's own account, given its password (GDPR art. 17). */
@Singleton
public final class DeleteOwnAccount {

  /**
   * The current password, and where the request came from, for the per-address throttle and the
   * event ({@code null}: trusted code).
   */
  public record Command(Actor actor, Password currentPassword, RequestContext request) {

    /**
     * A deletion from the raw password, as a client sends it.
     *
     * @throws InvalidInputException when the password is missing or malformed
     */
    public Command(Actor actor, String currentPassword, RequestContext request) {
      this(new FieldErrors(), actor, currentPassword, request);
    }

    private Command(FieldErrors errors, Actor actor, String currentPassword,
        RequestContext request) {
      this(actor, errors.parse(() -> Password.of(currentPassword, "current_password")),
          errors.throwIfAnyElse(request));
    }

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(currentPassword, "currentPassword");
      request = RequestContext.orNone(request);
    }
  }

  private final UserRepository users;
  private final UserWrites writes;
  private final MailOutbox outbox;
  private final Letters letters;
  private final OwnPassword ownPassword;
  private final Clock clock;

  @Inject
  DeleteOwnAccount(UserRepository users, UserWrites writes, MailOutbox outbox, Letters letters,
      OwnPassword ownPassword, Clock clock) {
    this.users = users;
    this.writes = writes;
    this.outbox = outbox;
    this.letters = letters;
    this.ownPassword = ownPassword;
    this.clock = clock;
  }

  /**
   * Deletes the account with its sessions (every access token dies at its next request), codes
   * and counted code guesses, and every letter to its address that is waiting or kept, then mails
   * a goodbye letter to that address. The password is checked under the same throttles as a login
   * (per account and per client address, reserved before hashing), so a stolen access token
   * cannot delete the account. {@code user_self_deleted} is stored with the deletion; the audit
   * trail keeps it, and the account's earlier entries, until they are pruned.
   *
   * @throws InvalidInputException when the current password is wrong
   * @throws dev.userservice.domain.ThrottledException while the account or the address must wait
   * @throws dev.userservice.domain.ConflictException when the caller is the last active
   *     administrator
   * @throws NotFoundException when the account is already gone
   * @throws dev.userservice.domain.ForbiddenException a step-up refusal: the account has a
   *     second factor the session did not pass
   */
  public void delete(Command command) {
    User user = users.findById(command.actor().id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    SecondFactors.requireStepUp(command.actor(), user);
    ownPassword.check(user, command.currentPassword(), command.request());
    Instant now = clock.now();
    writes.delete(user.id(), new UserEvent.UserSelfDeleted(
        UserEvent.Meta.by(now, command.actor(), user.id(), command.request())));
    outbox.discardLettersTo(user.email());
    outbox.enqueue(letters.accountDeleted(user, now), now);
  }
}
