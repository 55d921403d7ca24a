package dev.userservice.application;

import dev.userservice.domain.ClientId;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.UnauthenticatedException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The {@code refresh_token} grant of the OAuth token endpoint (RFC 6749 §6), so standard OAuth
 * client libraries can refresh a user's session: {@link RefreshSession}'s rotation and reuse
 * rules, with the protocol's errors.
 */
@Singleton
public final class ExchangeRefreshToken {

  /**
   * A refresh request.
   *
   * @param credentials a registered client's credentials, if any were presented
   * @param clientId the {@code client_id} parameter of a public client, if sent
   * @param scope the {@code scope} parameter, if sent
   */
  public record Command(ClientCredentials credentials, String clientId, String refreshToken,
      String scope, RequestContext request) {

    public Command {
      request = RequestContext.orNone(request);
    }
  }

  private final ClientAuthentication authentication;
  private final RefreshSession refreshSession;

  @Inject
  ExchangeRefreshToken(ClientAuthentication authentication, RefreshSession refreshSession) {
    this.authentication = authentication;
    this.refreshSession = refreshSession;
  }

  /**
   * Rotates the refresh token as {@link RefreshSession#refresh} does. Users' refresh tokens are
   * issued to the service's own sign-in, a public client ({@value ClientId#FIRST_PARTY}) that
   * does not authenticate; a registered client has only the {@code client_credentials} grant.
   *
   * @throws OAuthException {@code invalid_request} without a refresh token,
   *     {@code invalid_client} for another public client id or failed client authentication,
   *     {@code unauthorized_client} for a registered client, {@code invalid_scope} for a scope
   *     other than the session's, {@code invalid_grant} for a token that is malformed, unknown,
   *     expired, revoked or reused (which ends its session)
   */
  public AuthTokens exchange(Command command) {
    if (command.refreshToken() == null || command.refreshToken().isBlank()) {
      throw new OAuthException(OAuthException.Code.INVALID_REQUEST, "refresh_token is required");
    }
    if (command.credentials() != null) {
      authentication.authenticate(command.credentials(), command.request());
      throw new OAuthException(OAuthException.Code.UNAUTHORIZED_CLIENT,
          "a registered client may use the client_credentials grant only");
    }
    if (command.clientId() != null && !command.clientId().equals(ClientId.FIRST_PARTY)) {
      throw new OAuthException(OAuthException.Code.INVALID_CLIENT, "unknown public client");
    }
    if (command.scope() != null && !command.scope().equals(Scopes.FIRST_PARTY)) {
      throw new OAuthException(OAuthException.Code.INVALID_SCOPE,
          "a session's scope is " + Scopes.FIRST_PARTY + "; it cannot be changed");
    }
    try {
      return refreshSession.refresh(
          new PresentedRefreshToken(command.refreshToken(), command.request()));
    } catch (UnauthenticatedException e) {
      throw new OAuthException(OAuthException.Code.INVALID_GRANT, e.getMessage());
    }
  }
}
