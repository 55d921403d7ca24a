package dev.userservice.application;

import dev.userservice.domain.SessionId;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.SessionStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The only way a use case stores a new, changed or removed account, so the duties that follow a
 * stored change are done every time, by one class:
 * <ul>
 *   <li>every change gives the user's sessions a new cache revision, so no copy of the account
 *       cached under the old one is served again;
 *   <li>a changed role ends every session of the user, so the new role applies at once (access
 *       tokens carry the role), and so does disabling the account;
 *   <li>a new password ends the user's other sessions (all of them, after a reset);
 *   <li>a changed email voids every pending code: they went to the old address;
 *   <li>a removed account loses its sessions, codes and counted code guesses;
 *   <li>the events that record the change are stored with it, in one transaction, and then
 *       announced to the listeners (every write takes at least one).
 * </ul>
 * Which of these apply is read from the change itself ({@code before} and {@code after}), so a
 * new use case gets them by storing through here.
 */
@Singleton
final class UserWrites {

  private final UserRepository users;
  private final SessionStore sessions;
  private final CodeStore codes;
  private final Events events;

  @Inject
  UserWrites(UserRepository users, SessionStore sessions, CodeStore codes, Events events) {
    this.users = users;
    this.sessions = sessions;
    this.codes = codes;
    this.events = events;
  }

  /**
   * Stores a new account with {@code recorded}; it has no sessions or codes yet.
   *
   * @throws dev.userservice.domain.ConflictException when the email is already registered
   */
  void insert(User user, List<UserEvent> recorded) {
    users.insert(user, required(recorded));
    recorded.forEach(events::announce);
  }

  /**
   * Stores {@code after}, a change of {@code before}, with {@code recorded}, and does what the
   * change requires.
   *
   * @return the stored account
   * @throws dev.userservice.domain.ConflictException as {@link UserRepository#update} does
   */
  User update(User before, User after, List<UserEvent> recorded) {
    User stored = users.update(after, required(recorded));
    recorded.forEach(events::announce);
    followUp(before, stored, false);
    return stored;
  }

  /**
   * Stores {@code after}, which carries a new password chosen by its owner, and ends every session
   * of the user but {@code keep}; {@code null} ends every session (a reset by mailed code: whoever
   * held a session may be who the owner is locking out).
   *
   * @return the stored account
   */
  User updatePassword(User before, User after, SessionId keep, UserEvent recorded) {
    User stored = users.update(after, List.of(recorded));
    events.announce(recorded);
    if (keep == null) {
      sessions.revokeAllSessions(stored.id());
    } else {
      sessions.revokeOtherSessions(stored.id(), keep);
    }
    followUp(before, stored, keep == null);
    return stored;
  }

  /**
   * Removes the account with its sessions and codes.
   *
   * @throws dev.userservice.domain.NotFoundException when there is no such user
   * @throws dev.userservice.domain.ConflictException when it is the last active administrator
   */
  void delete(UserId id, UserEvent recorded) {
    users.delete(id, List.of(recorded));
    events.announce(recorded);
    removed(id);
  }

  /**
   * Removes every never-verified account created before {@code cutoff}, with its sessions and
   * codes, each recorded by the event {@code eventOf} gives.
   *
   * @return the removed accounts
   */
  List<UserId> deleteNeverVerifiedCreatedBefore(Instant cutoff,
      Function<UserId, UserEvent> eventOf) {
    List<UserId> removed = users.deleteNeverVerifiedCreatedBefore(cutoff, eventOf);
    removed.forEach(id -> events.announce(eventOf.apply(id)));
    removed.forEach(this::removed);
    return removed;
  }

  private static List<UserEvent> required(List<UserEvent> recorded) {
    if (recorded.isEmpty()) {
      throw new IllegalArgumentException("a stored change needs the event that records it");
    }
    return recorded;
  }

  /**
   * The duties of a stored change. When every session was just ended ({@code sessionsEnded}),
   * none is left whose cache revision could serve a stale copy.
   */
  private void followUp(User before, User stored, boolean sessionsEnded) {
    if (stored.role() != before.role() || (before.isActive() && !stored.isActive())) {
      sessions.revokeAllSessions(stored.id());
    } else if (!sessionsEnded) {
      sessions.renewCacheRevision(stored.id());
    }
    if (!stored.email().equals(before.email())) {
      codes.deleteCodes(stored.id());
    }
  }

  private void removed(UserId id) {
    sessions.revokeAllSessions(id);
    codes.forgetUser(id);
  }
}
