package dev.userservice.application;

import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Ends the session a refresh token belongs to. */
@Singleton
public final class LogOut {


  private final SessionStore sessions;
  private final Clock clock;
  private final Events events;

  @Inject
  LogOut(SessionStore sessions, Clock clock, Events events) {
    this.sessions = sessions;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Revokes the session of the refresh token: its refresh token and every access token issued
   * for it stop working at once. Only the token proves the right to end its session: it must be
   * the session's current token or one it retired recently; the user and session ids it carries
   * are public (every access token names them), so a token with another secret ends nothing.
   * Either way the call succeeds alike, and logging out of an ended session succeeds too. Emits
   * {@code logged_out} when a session was ended.
   *
   * @throws dev.userservice.domain.UnauthenticatedException when the token is malformed
   */
  public void logOut(PresentedRefreshToken command) {
    RefreshToken token = RefreshToken.parse(command.refreshToken());
    if (sessions.revokeSessionWithToken(token.user(), token.session(), token.hash())) {
      events.publish(new UserEvent.LoggedOut(
          UserEvent.Meta.bySelf(clock.now(), token.user(), token.session(),
              command.request())));
    }
  }
}
