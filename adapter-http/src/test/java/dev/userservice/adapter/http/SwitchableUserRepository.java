package dev.userservice.adapter.http;

import dev.userservice.domain.Email;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import dev.userservice.domain.port.UserPage;
import dev.userservice.domain.port.UserRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The in-memory repository, which can be switched off to play a database that is down. */
final class SwitchableUserRepository implements UserRepository {

  private final UserRepository delegate;
  private volatile boolean down;

  SwitchableUserRepository(UserRepository delegate) {
    this.delegate = delegate;
  }

  void down(boolean isDown) {
    this.down = isDown;
  }

  private UserRepository up() {
    if (down) {
      throw new UnavailableException("database", null);
    }
    return delegate;
  }

  @Override
  public void insert(User user, List<UserEvent> events) {
    up().insert(user, events);
  }

  @Override
  public User update(User user, List<UserEvent> events) {
    return up().update(user, events);
  }

  @Override
  public Optional<User> findById(UserId id) {
    return up().findById(id);
  }

  @Override
  public Optional<User> findByEmail(Email email) {
    return up().findByEmail(email);
  }

  @Override
  public void delete(UserId id, List<UserEvent> events) {
    up().delete(id, events);
  }

  @Override
  public UserPage list(UserFilter filter, UserCursor after, int limit) {
    return up().list(filter, after, limit);
  }

  @Override
  public long count(UserFilter filter) {
    return up().count(filter);
  }

  @Override
  public boolean anyAdmin() {
    return up().anyAdmin();
  }

  @Override
  public List<UserId> deleteNeverVerifiedCreatedBefore(Instant cutoff,
      Function<UserId, UserEvent> eventOf) {
    return up().deleteNeverVerifiedCreatedBefore(cutoff, eventOf);
  }
}
