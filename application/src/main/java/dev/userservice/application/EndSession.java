package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/** Ends one session of an account from its session list ("sign out that device"). */
@Singleton
public final class EndSession {

  /**
   * The end of {@code session} of {@code target}, asked by {@code actor}.
   *
   * @param request where the request came from, for the throttle and the event ({@code null}:
   *     trusted code)
   */
  public record Command(Actor actor, UserId target, SessionId session, RequestContext request) {

    /**
     * A command from the raw session id, as a client sends it.
     *
     * @throws InvalidInputException when {@code session} is not a session id
     */
    public Command(Actor actor, UserId target, String session, RequestContext request) {
      this(actor, target, parse(session), request);
    }

    public Command {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(session, "session");
      request = RequestContext.orNone(request);
    }

    private static SessionId parse(String session) {
      if (!SessionId.isWellFormed(session)) {
        throw InvalidInputException.of("sid", "must be a session id");
      }
      return new SessionId(session);
    }
  }

  private final SessionStore sessions;
  private final Throttles throttles;
  private final Clock clock;
  private final Events events;

  @Inject
  EndSession(SessionStore sessions, Throttles throttles, Clock clock, Events events) {
    this.sessions = sessions;
    this.throttles = throttles;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Ends the session at once: its refresh token stops working and so does every access token
   * issued in it, at its next request. The target's other sessions live on. Emits
   * {@code session_ended}, whose session is the one ended.
   *
   * @throws dev.userservice.domain.ForbiddenException unless the actor is the target or an
   *     administrator
   * @throws dev.userservice.domain.ThrottledException when the client address made too many
   *     requests
   * @throws NotFoundException when the target has no such live session (an ended one, or another
   *     user's, alike)
   */
  public void end(Command command) {
    Actor actor = command.actor();
    Authorization.requireSelfOrAdmin(actor, command.target());
    throttles.perAddress("end-session", command.request().clientAddress());
    if (!sessions.revokeSession(command.target(), command.session())) {
      throw new NotFoundException("no such session");
    }
    events.publish(new UserEvent.SessionEnded(new UserEvent.Meta(clock.now(), command.target(),
        Initiator.of(actor, command.target()), command.session(), command.request())));
  }
}
