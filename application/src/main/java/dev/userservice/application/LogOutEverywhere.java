package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Ends every session of the calling user. */
@Singleton
public final class LogOutEverywhere {

  private final SessionStore sessions;
  private final Clock clock;
  private final Events events;

  @Inject
  LogOutEverywhere(SessionStore sessions, Clock clock, Events events) {
    this.sessions = sessions;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Revokes all sessions of the actor, this one included; emits {@code logged_out_everywhere}.
   */
  public void logOutEverywhere(ActorRequest command) {
    Actor actor = command.actor();
    sessions.revokeAllSessions(actor.id());
    events.publish(new UserEvent.LoggedOutEverywhere(
        UserEvent.Meta.by(clock.now(), actor, actor.id(), command.request())));
  }
}
