package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.User;
import dev.userservice.domain.port.UserFilter;
import dev.userservice.domain.port.UserPage;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;

/** Lists accounts for administrators, newest first, one keyset page at a time. */
@Singleton
public final class ListUsers {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /**
   * A page request: {@code cursor} is the {@code nextCursor} of the previous page, or
   * {@code null} for the first; {@code limit} 1 to 100.
   */
  public record Query(Actor actor, UserFilter filter, String cursor, int limit) {

    public Query {
      Objects.requireNonNull(actor, "actor");
      filter = filter == null ? UserFilter.ANY : filter;
      if (limit < 1 || limit > MAX_LIMIT) {
        throw InvalidInputException.of("limit", "must be between 1 and " + MAX_LIMIT);
      }
    }
  }

  /** One page and the opaque cursor of the next one, {@code null} on the last page. */
  public record Page(List<User> items, String nextCursor) {}

  private final UserRepository users;

  @Inject
  ListUsers(UserRepository users) {
    this.users = users;
  }

  /**
   * @throws dev.userservice.domain.ForbiddenException unless the actor is an administrator
   * @throws InvalidInputException when the cursor was not issued by this service
   */
  public Page list(Query query) {
    Authorization.requireAdmin(query.actor());
    UserPage page = users.list(query.filter(), UserListing.decode(query.cursor()), query.limit());
    return new Page(page.items(), page.next().map(UserListing::encode).orElse(null));
  }
}
