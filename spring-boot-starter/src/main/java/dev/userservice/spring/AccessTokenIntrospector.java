package dev.userservice.spring;

import dev.userservice.application.AuthenticateAccessToken;
import dev.userservice.domain.UnauthenticatedException;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Spring Security's check of a bearer token, done by {@link AuthenticateAccessToken} in this
 * process: the signature against our own keys (those {@code /.well-known/jwks.json} publishes),
 * issuer, audience, type and lifetime, then the session's liveness in Redis, so a token is
 * refused at once after logout, a password change, deletion or a role change, which a JWT
 * check alone would accept until its {@code exp}. A host turns it on for its own endpoints with
 * {@code http.oauth2ResourceServer(o -> o.opaqueToken(Customizer.withDefaults()))}; the principal
 * is an {@link ActorPrincipal}.
 */
public final class AccessTokenIntrospector implements OpaqueTokenIntrospector {

  private final AuthenticateAccessToken authenticateAccessToken;

  public AccessTokenIntrospector(AuthenticateAccessToken authenticateAccessToken) {
    this.authenticateAccessToken = authenticateAccessToken;
  }

  /**
   * @throws BadOpaqueTokenException when the token is invalid, expired or its session ended
   *     (Spring answers 401 with {@code WWW-Authenticate: Bearer error="invalid_token"})
   */
  @Override
  public OAuth2AuthenticatedPrincipal introspect(String token) {
    try {
      return new ActorPrincipal(authenticateAccessToken.authenticate(token));
    } catch (UnauthenticatedException e) {
      throw new BadOpaqueTokenException(e.getMessage(), e);
    }
  }
}
