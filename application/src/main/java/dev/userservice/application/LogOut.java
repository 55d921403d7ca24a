package dev.userservice.application;

import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Ends the session a refresh token belongs to. */
@Singleton
public final class LogOut {

  private final SessionStore sessions;

  @Inject
  LogOut(SessionStore sessions) {
    this.sessions = sessions;
  }

  /**
   * Revokes the session of {@code refreshToken}: its refresh token and every access token issued
   * for it stop working at once. Only the token proves the right to end its session: it must be
   * the session's current token or one it retired recently; the user and session ids it carries
   * are public (every access token names them), so a token with another secret ends nothing.
   * Either way the call succeeds alike, and logging out of an ended session succeeds too.
   *
   * @throws dev.userservice.domain.UnauthenticatedException when the token is malformed
   */
  public void logOut(String refreshToken) {
    RefreshToken token = RefreshToken.parse(refreshToken);
    sessions.revokeSessionWithToken(token.user(), token.session(), token.hash());
  }
}
