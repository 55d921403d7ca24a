package dev.userservice.application;

import dev.userservice.domain.OAuthException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.OAuthClients;
import dev.userservice.domain.port.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;

/** Token introspection (RFC 7662): whether an access token is active now, and what it says. */
@Singleton
public final class IntrospectToken {

  /**
   * An introspection request of a registered client.
   *
   * @param credentials the caller's, as presented; {@code null} when none were
   * @param token the token asked about, as sent
   */
  public record Command(ClientCredentials credentials, String token, RequestContext request) {

    public Command {
      request = RequestContext.orNone(request);
    }
  }

  private final ClientAuthentication authentication;
  private final AccessTokens accessTokens;
  private final SessionStore sessions;
  private final OAuthClients clients;
  private final Clock clock;

  @Inject
  IntrospectToken(ClientAuthentication authentication, AccessTokens accessTokens,
      SessionStore sessions, OAuthClients clients, Clock clock) {
    this.authentication = authentication;
    this.accessTokens = accessTokens;
    this.sessions = sessions;
    this.clients = clients;
    this.clock = clock;
  }

  /**
   * What the token says if it is active: signed by this service, unexpired, and either a user's
   * token whose session is live (so logout, logout-all, a password change or reset, a role change
   * and deletion make it inactive at once), or a client's own token whose client is still
   * registered. Anything else (expired, forged, malformed, a refresh token, unknown) is inactive,
   * and the answer says nothing more.
   *
   * @throws OAuthException {@code invalid_client} when the caller's authentication fails,
   *     {@code invalid_request} without a token
   * @throws dev.userservice.domain.ThrottledException while the caller or address must wait
   */
  public Optional<AccessTokens.Inspected> introspect(Command command) {
    authentication.authenticate(command.credentials(), command.request());
    if (command.token() == null || command.token().isEmpty()) {
      throw new OAuthException(OAuthException.Code.INVALID_REQUEST, "token is required");
    }
    AccessTokens.Inspected inspected;
    try {
      inspected = accessTokens.inspect(command.token(), clock.now());
    } catch (UnauthenticatedException inactive) {
      return Optional.empty();
    }
    boolean live = inspected.user() != null
        ? sessions.liveSessionCacheRevision(inspected.user().subject(),
            inspected.user().session()).isPresent()
        : clients.find(Objects.requireNonNull(inspected.client()).client()).isPresent();
    return live ? Optional.of(inspected) : Optional.empty();
  }
}
