package dev.userservice.application;

import dev.userservice.domain.port.TokenStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Ends the session a refresh token belongs to. */
@Singleton
public final class LogOut {

  private final TokenStore tokenStore;

  @Inject
  public LogOut(TokenStore tokenStore) {
    this.tokenStore = tokenStore;
  }

  /**
   * Revokes the session of {@code refreshToken}: its refresh token and every access token issued
   * for it stop working at once. Idempotent: logging out of an ended session succeeds.
   *
   * @throws dev.userservice.domain.UnauthenticatedException when the token is malformed
   */
  public void logOut(String refreshToken) {
    RefreshToken token = RefreshToken.parse(refreshToken);
    tokenStore.revokeSession(token.user(), token.session());
  }
}
