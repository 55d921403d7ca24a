package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Ends every session of the calling user. */
@Singleton
public final class LogOutEverywhere {

  private final SessionStore sessions;

  @Inject
  LogOutEverywhere(SessionStore sessions) {
    this.sessions = sessions;
  }

  /** Revokes all sessions of {@code actor}, this one included. */
  public void logOutEverywhere(Actor actor) {
    sessions.revokeAllSessions(actor.id());
  }
}
