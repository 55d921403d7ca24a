package dev.userservice.application;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.User;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.SessionOrigin;
import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Starts a new session for a user who just proved who they are. Shared by login and reset. */
@Singleton
final class Sessions {

  private final SessionStore sessionStore;
  private final AccessTokens accessTokens;
  private final RandomSource random;
  private final Clock clock;
  private final SecurityPolicy policy;

  @Inject
  Sessions(SessionStore sessionStore, AccessTokens accessTokens, RandomSource random, Clock clock,
      SecurityPolicy policy) {
    this.sessionStore = sessionStore;
    this.accessTokens = accessTokens;
    this.random = random;
    this.clock = clock;
    this.policy = policy;
  }

  /** A session just started: its id and its first tokens. */
  record Started(SessionId session, AuthTokens tokens) {}

  /**
   * Starts a session with the password alone, keeping where it started ({@code request}) for the
   * session list.
   */
  Started start(User user, RequestContext request) {
    return start(user, request, AuthMethods.PASSWORD);
  }

  /**
   * Starts a session whose owner proved {@code methods}, keeping where it started
   * ({@code request}) for the session list; every token of the session says {@code methods}.
   */
  Started start(User user, RequestContext request, AuthMethods methods) {
    RefreshToken refresh = RefreshToken.first(user.id(), RefreshToken.newSessionId(random), random);
    sessionStore.createSession(user.id(), refresh.session(), refresh.hash(), clock.now(),
        policy.sessions().limits(), SessionOrigin.of(request, methods));
    AccessTokens.Issued access = accessTokens.issue(claims(user, refresh, methods), clock.now());
    return new Started(refresh.session(),
        new AuthTokens(access.token(), access.expiresAt(), refresh.format()));
  }

  /** Ends a session just started, which must not outlive what went wrong after it started. */
  void end(User user, SessionId session) {
    sessionStore.revokeSession(user.id(), session);
  }

  static AccessTokens.Claims claims(User user, RefreshToken refresh, AuthMethods methods) {
    return new AccessTokens.Claims(user.id(), refresh.session(), user.role(),
        user.isEmailVerified(), methods, user.appMetadata());
  }
}
