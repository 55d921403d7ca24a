package dev.userservice.domain.port;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Durable storage of users. Every method is atomic on its own. Every method may throw
 * {@link UnavailableException} when the store cannot be reached in time.
 *
 * <p>Every write takes the events that record it and stores them in the {@link AuditTrail} in the
 * same transaction: a change is never stored without its events, nor the events without the
 * change. The forms without events are for seeding test data.
 */
public interface UserRepository {

  /**
   * Stores a new user.
   *
   * @throws ConflictException when the email (or id) is already taken; exactly one of any number
   *     of concurrent inserts of one email succeeds
   */
  void insert(User user, List<UserEvent> events);

  default void insert(User user) {
    insert(user, List.of());
  }

  /**
   * Stores a changed user if nobody changed it since it was loaded ({@code user.version()} is the
   * stored version), and returns it with the next version.
   *
   * @throws ConflictException when the stored version differs, the new email is taken, or the
   *     change would leave no active administrator (demoting or disabling the last one; checked
   *     atomically with the change)
   * @throws NotFoundException when the user no longer exists
   */
  User update(User user, List<UserEvent> events);

  default User update(User user) {
    return update(user, List.of());
  }

  Optional<User> findById(UserId id);

  /** Looks up by the normalized address (emails are unique case-insensitively). */
  Optional<User> findByEmail(Email email);

  /**
   * Deletes a user.
   *
   * @throws NotFoundException when there is no such user
   * @throws ConflictException when the user is the last active administrator (checked
   *     atomically); a disabled administrator may be deleted
   */
  void delete(UserId id, List<UserEvent> events);

  default void delete(UserId id) {
    delete(id, List.of());
  }

  /**
   * Users matching {@code filter}, newest first (ties broken by id, descending), starting after
   * {@code after} (or from the newest when {@code null}), at most {@code limit}. A page deep in a
   * large table costs the same as the first.
   */
  UserPage list(UserFilter filter, UserCursor after, int limit);

  /** How many users match {@code filter}. */
  long count(UserFilter filter);

  /** Whether at least one administrator exists. */
  boolean anyAdmin();

  /**
   * Deletes, in one statement, every account that was never verified and was created before
   * {@code cutoff}; returns the ids removed so their sessions and codes can be revoked. An
   * administrator is never deleted, verified or not: the purge must not remove the last one.
   * Nor is an invited account whose invitation expires at or after {@code cutoff}: it waits for
   * its owner, and an expired invitation can be sent again for as long as unverified accounts are
   * kept. {@code eventOf} gives the event that records each removal, stored with it.
   */
  List<UserId> deleteNeverVerifiedCreatedBefore(Instant cutoff,
      Function<UserId, UserEvent> eventOf);

  default List<UserId> deleteNeverVerifiedCreatedBefore(Instant cutoff) {
    return deleteNeverVerifiedCreatedBefore(cutoff, id -> null);
  }
}
