package dev.userservice.adapter.inmemory;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import dev.userservice.domain.port.UserPage;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Users in memory, ordered and paged exactly as the PostgreSQL adapter does. One lock guards all
 * state, so every method is atomic, including the last-administrator checks. The events of a
 * write go to the {@link InMemoryAuditTrail} given (or one of its own) under that lock, after
 * every check passed, so a refused write records nothing.
 */
@Singleton
public final class InMemoryUserRepository implements UserRepository {

  private final NavigableMap<SortKey, User> newestFirst = new TreeMap<>(SortKey.ORDER);
  private final Map<UserId, User> byId = new HashMap<>();
  private final Map<Email, UserId> byEmail = new HashMap<>();

  private final InMemoryAuditTrail audit;

  /** Users whose events go to an audit trail of their own ({@link #auditTrail()}). */
  public InMemoryUserRepository() {
    this(new InMemoryAuditTrail());
  }

  @Inject
  public InMemoryUserRepository(InMemoryAuditTrail audit) {
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** The trail the events of this repository's writes are stored in. */
  public InMemoryAuditTrail auditTrail() {
    return audit;
  }

  @Override
  public synchronized void insert(User user, List<UserEvent> events) {
    if (byId.containsKey(user.id())) {
      throw new ConflictException("a user with this id already exists");
    }
    if (byEmail.containsKey(user.email())) {
      throw new ConflictException("the email is already registered");
    }
    audit.record(events);
    store(user);
  }

  @Override
  public synchronized User update(User user, List<UserEvent> events) {
    User stored = byId.get(user.id());
    if (stored == null) {
      throw new NotFoundException("no such user");
    }
    if (stored.version() != user.version()) {
      throw new ConflictException("the user was changed by someone else; reload and retry");
    }
    UserId owner = byEmail.get(user.email());
    if (owner != null && !owner.equals(user.id())) {
      throw new ConflictException("the email is already registered");
    }
    if (isActiveAdmin(stored) && !isActiveAdmin(user) && activeAdmins() == 1) {
      throw new ConflictException(
          "the last active administrator cannot be removed, demoted or disabled");
    }
    audit.record(events);
    remove(stored);
    User next = user.nextVersion();
    store(next);
    return next;
  }

  @Override
  public synchronized Optional<User> findById(UserId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<User> findByEmail(Email email) {
    return Optional.ofNullable(byEmail.get(email)).map(byId::get);
  }

  @Override
  public synchronized void delete(UserId id, List<UserEvent> events) {
    User stored = byId.get(id);
    if (stored == null) {
      throw new NotFoundException("no such user");
    }
    if (isActiveAdmin(stored) && activeAdmins() == 1) {
      throw new ConflictException(
          "the last active administrator cannot be removed, demoted or disabled");
    }
    audit.record(events);
    remove(stored);
  }

  @Override
  public synchronized UserPage list(UserFilter filter, UserCursor after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    Map<SortKey, User> rest = after == null
        ? newestFirst
        : newestFirst.tailMap(new SortKey(after.createdAt(), after.id().value()), false);
    List<User> items = new ArrayList<>();
    for (User user : rest.values()) {
      if (matches(filter, user)) {
        if (items.size() == limit) {
          User last = items.get(limit - 1);
          return new UserPage(items, Optional.of(new UserCursor(last.createdAt(), last.id())));
        }
        items.add(user);
      }
    }
    return new UserPage(items, Optional.empty());
  }

  @Override
  public synchronized long count(UserFilter filter) {
    return byId.values().stream().filter(user -> matches(filter, user)).count();
  }

  @Override
  public synchronized boolean anyAdmin() {
    return byId.values().stream().anyMatch(User::isAdmin);
  }

  @Override
  public synchronized List<UserId> deleteNeverVerifiedCreatedBefore(Instant cutoff,
      Function<UserId, UserEvent> eventOf) {
    List<User> doomed = byId.values().stream()
        .filter(user -> !user.everVerified() && user.createdAt().isBefore(cutoff)
            && !user.isAdmin()
            && user.invitedUntil().map(until -> until.isBefore(cutoff)).orElse(true))
        .toList();
    audit.record(doomed.stream().map(user -> eventOf.apply(user.id()))
        .filter(Objects::nonNull).toList());
    doomed.forEach(this::remove);
    return doomed.stream().map(User::id).toList();
  }

  private void store(User user) {
    byId.put(user.id(), user);
    byEmail.put(user.email(), user.id());
    newestFirst.put(SortKey.of(user), user);
  }

  private void remove(User user) {
    byId.remove(user.id());
    byEmail.remove(user.email());
    newestFirst.remove(SortKey.of(user));
  }

  private long activeAdmins() {
    return byId.values().stream().filter(InMemoryUserRepository::isActiveAdmin).count();
  }

  private static boolean isActiveAdmin(User user) {
    return user.isAdmin() && user.isActive();
  }

  private static boolean matches(UserFilter filter, User user) {
    return (filter.emailContains() == null
            || user.email().value().contains(filter.emailContains().toLowerCase(Locale.ROOT)))
        && (filter.role() == null || user.role() == filter.role())
        && (filter.emailVerified() == null || user.isEmailVerified() == filter.emailVerified())
        && (filter.createdAfter() == null || user.createdAt().isAfter(filter.createdAfter()))
        && (filter.createdBefore() == null || user.createdAt().isBefore(filter.createdBefore()))
        && (filter.status() == null || user.status() == filter.status())
        && (filter.appMetadata() == null || filter.appMetadata().matches(user.appMetadata()));
  }

  /** Position in the listing: newest first, then by id as PostgreSQL orders uuid (unsigned). */
  private record SortKey(Instant createdAt, UUID id) {

    static final Comparator<SortKey> ORDER = Comparator.comparing(SortKey::createdAt)
        .thenComparing(SortKey::id, SortKey::compareUnsigned)
        .reversed();

    static SortKey of(User user) {
      return new SortKey(user.createdAt(), user.id().value());
    }

    private static int compareUnsigned(UUID a, UUID b) {
      int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
      return high != 0 ? high
          : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
  }
}
