package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Turns a session that the server holds for its user (the admin console keeps the session its
 * sign-in started, never its tokens) into the {@link Actor} it stands for, while it is live.
 */
@Singleton
public final class AuthenticateSession {

  private final SessionStore sessions;

  @Inject
  AuthenticateSession(SessionStore sessions) {
    this.sessions = sessions;
  }

  /**
   * {@code signedIn}, the actor as its sign-in found it, with the cache revision its session
   * carries now, if that session is still live: one store round trip, as for an access token.
   * Logout, logging out everywhere, ending the session, deletion, a role change and disabling the
   * account all end the session, so a live session's role is still the one its sign-in found.
   *
   * @throws UnauthenticatedException when the session ended or expired
   */
  public Actor authenticate(Actor signedIn) {
    String revision = sessions.liveSessionCacheRevision(signedIn.id(), signedIn.session())
        .orElseThrow(() -> new UnauthenticatedException("the session has ended"));
    return new Actor(signedIn.id(), signedIn.role(), signedIn.session(), revision,
        signedIn.methods());
  }
}
