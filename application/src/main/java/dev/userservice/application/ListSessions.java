package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.SessionInfo;
import dev.userservice.domain.port.SessionStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;

/** Lists where an account is signed in: its live sessions. */
@Singleton
public final class ListSessions {

  /** The sessions of {@code target}, as {@code actor} asks for them. */
  public record Query(Actor actor, UserId target) {

    public Query {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(target, "target");
    }
  }

  private final UserRepository users;
  private final SessionStore sessions;
  private final Clock clock;

  @Inject
  ListSessions(UserRepository users, SessionStore sessions, Clock clock) {
    this.users = users;
    this.sessions = sessions;
    this.clock = clock;
  }

  /**
   * The live sessions of the target (ended and expired ones are gone), those that expire first
   * first, with when each started and was last refreshed and the client address and user agent
   * of its login; at most the per-user cap of sessions. Never a token.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is the target or an
   *     administrator
   * @throws NotFoundException when an administrator names no existing user
   */
  public List<SessionInfo> list(Query query) {
    Authorization.requireSelfOrAdmin(query.actor(), query.target());
    if (!query.actor().is(query.target()) && users.findById(query.target()).isEmpty()) {
      throw new NotFoundException("no such user");
    }
    return sessions.listSessions(query.target(), clock.now());
  }
}
