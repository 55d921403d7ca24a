package dev.userservice.application;

import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Token revocation (RFC 7009): a registered client ends the session of a user's token. */
@Singleton
public final class RevokeToken {

  static final String REFRESH_TOKEN = "refresh_token";
  static final String ACCESS_TOKEN = "access_token";

  /**
   * A revocation request of a registered client.
   *
   * @param credentials the caller's, as presented; {@code null} when none were
   * @param token the token to revoke, as sent
   * @param hint the {@code token_type_hint} as sent ({@code null} when absent); only the order in
   *     which the token is tried depends on it
   */
  public record Command(ClientCredentials credentials, String token, String hint,
      RequestContext request) {

    public Command {
      request = RequestContext.orNone(request);
    }
  }

  private final ClientAuthentication authentication;
  private final AccessTokens accessTokens;
  private final SessionStore sessions;
  private final Clock clock;
  private final Events events;

  @Inject
  RevokeToken(ClientAuthentication authentication, AccessTokens accessTokens,
      SessionStore sessions, Clock clock, Events events) {
    this.authentication = authentication;
    this.accessTokens = accessTokens;
    this.sessions = sessions;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Ends the session of a user's refresh token (as logout does: only the session's current or a
   * recently retired token ends it) or of a user's access token (every token of that session
   * stops working at once, the refresh token too). An invalid, expired or unknown token, or one
   * whose session already ended, changes nothing and succeeds alike (RFC 7009 §2.2). Emits
   * {@code token_revoked} when a session ended.
   *
   * @throws OAuthException {@code invalid_client} when the caller's authentication fails,
   *     {@code invalid_request} without a token, {@code unsupported_token_type} for a client's own
   *     access token (it cannot be revoked alone: it expires soon, and deleting its client ends
   *     every one)
   * @throws dev.userservice.domain.ThrottledException while the caller or address must wait
   */
  public void revoke(Command command) {
    OAuthClient caller = authentication.authenticate(command.credentials(), command.request());
    if (command.token() == null || command.token().isEmpty()) {
      throw new OAuthException(OAuthException.Code.INVALID_REQUEST, "token is required");
    }
    // A refresh token and an access token cannot be mistaken for one another, so the hint only
    // chooses which is tried first (§2.1: the server extends its search when the hint is wrong).
    if (ACCESS_TOKEN.equals(command.hint())) {
      if (!revokeAccessToken(caller, command)) {
        revokeRefreshToken(caller, command);
      }
    } else if (!revokeRefreshToken(caller, command)) {
      revokeAccessToken(caller, command);
    }
  }

  /** Whether the token had the form of a refresh token (revoked or not). */
  private boolean revokeRefreshToken(OAuthClient caller, Command command) {
    RefreshToken token;
    try {
      token = RefreshToken.parse(command.token());
    } catch (UnauthenticatedException notOne) {
      return false;
    }
    if (sessions.revokeSessionWithToken(token.user(), token.session(), token.hash())) {
      revoked(caller, command, token.user(), token.session(), REFRESH_TOKEN);
    }
    return true;
  }

  /** Whether the token was a valid access token (its session revoked, if it was live). */
  private boolean revokeAccessToken(OAuthClient caller, Command command) {
    AccessTokens.Inspected inspected;
    try {
      inspected = accessTokens.inspect(command.token(), clock.now());
    } catch (UnauthenticatedException notOne) {
      return false;
    }
    if (inspected.user() == null) {
      throw new OAuthException(OAuthException.Code.UNSUPPORTED_TOKEN_TYPE,
          "a client's own access token cannot be revoked; it expires soon, and deleting the"
              + " client ends them all");
    }
    UserId user = inspected.user().subject();
    SessionId session = inspected.user().session();
    if (sessions.liveSessionCacheRevision(user, session).isPresent()) {
      sessions.revokeSession(user, session);
      revoked(caller, command, user, session, ACCESS_TOKEN);
    }
    return true;
  }

  private void revoked(OAuthClient caller, Command command, UserId user, SessionId session,
      String tokenType) {
    events.publish(new UserEvent.TokenRevoked(new UserEvent.Meta(clock.now(), user,
        Initiator.client(), session, command.request()), caller.id(), tokenType));
  }
}
