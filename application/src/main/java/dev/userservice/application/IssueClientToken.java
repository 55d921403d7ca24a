package dev.userservice.application;

import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;

/** The {@code client_credentials} grant (RFC 6749 §4.4): a client's token for itself. */
@Singleton
public final class IssueClientToken {

  /**
   * A token request of a client.
   *
   * @param credentials as presented; {@code null} when none were
   * @param scope the {@code scope} parameter as sent; {@code null} asks for every allowed scope
   * @param request where the request came from, for the throttle and the event
   */
  public record Command(ClientCredentials credentials, String scope, RequestContext request) {

    public Command {
      request = RequestContext.orNone(request);
    }
  }

  /** A client's access token (no refresh token: the client can always ask again). */
  public record ClientToken(String accessToken, Instant expiresAt, Scopes scopes) {

    @Override
    public String toString() {
      return "ClientToken[scopes=" + scopes + ", expiresAt=" + expiresAt + "]";
    }
  }

  private final ClientAuthentication authentication;
  private final AccessTokens accessTokens;
  private final Clock clock;
  private final Events events;

  @Inject
  IssueClientToken(ClientAuthentication authentication, AccessTokens accessTokens, Clock clock,
      Events events) {
    this.authentication = authentication;
    this.accessTokens = accessTokens;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Authenticates the client and signs an access token for it with the requested scopes (all its
   * allowed ones when none are asked for); emits {@code client_token_issued}.
   *
   * @throws OAuthException {@code invalid_client} when authentication fails,
   *     {@code invalid_scope} when a requested scope is malformed or not allowed to the client
   * @throws dev.userservice.domain.ThrottledException while the client or address must wait
   */
  public ClientToken issue(Command command) {
    OAuthClient client = authentication.authenticate(command.credentials(), command.request());
    Scopes granted = client.scopes();
    if (command.scope() != null) {
      Scopes requested;
      try {
        requested = Scopes.parse(command.scope());
      } catch (IllegalArgumentException e) {
        throw new OAuthException(OAuthException.Code.INVALID_SCOPE,
            "scope must be space-separated scope tokens");
      }
      if (!client.allows(requested.values())) {
        throw new OAuthException(OAuthException.Code.INVALID_SCOPE,
            "a requested scope is not allowed to this client");
      }
      granted = requested.isEmpty() ? client.scopes() : requested;
    }
    Instant now = clock.now();
    AccessTokens.Issued issued =
        accessTokens.issue(new AccessTokens.ClientClaims(client.id(), granted), now);
    events.publish(new UserEvent.ClientTokenIssued(new UserEvent.Meta(now, null,
        Initiator.client(), null, command.request()), client.id(), granted));
    return new ClientToken(issued.token(), issued.expiresAt(), granted);
  }
}
