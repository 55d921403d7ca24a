package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Turns a bearer access token into the {@link Actor} it stands for. */
@Singleton
public final class AuthenticateAccessToken {

  private final AccessTokens accessTokens;
  private final SessionStore sessions;
  private final Clock clock;

  @Inject
  AuthenticateAccessToken(AccessTokens accessTokens, SessionStore sessions, Clock clock) {
    this.accessTokens = accessTokens;
    this.sessions = sessions;
    this.clock = clock;
  }

  /**
   * Verifies the token's signature, issuer, audience and lifetime, then that its session is still
   * live (one store round trip, which also reports the user's cache revision), so logout,
   * deletion and role changes take effect at once.
   *
   * @throws UnauthenticatedException when the token is invalid, expired or its session ended
   */
  public Actor authenticate(String accessToken) {
    AccessTokens.Claims claims = accessTokens.verify(accessToken, clock.now());
    String revision = sessions.liveSessionCacheRevision(claims.subject(), claims.session())
        .orElseThrow(() -> new UnauthenticatedException("invalid or expired access token"));
    return new Actor(claims.subject(), claims.role(), claims.session(), revision,
        claims.methods());
  }
}
