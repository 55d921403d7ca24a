package dev.userservice.domain.port;

import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UserId;
import java.time.Instant;
import java.util.Map;

/** Short-lived, signed, self-contained access tokens (JWT) and the keys that verify them. */
public interface AccessTokens {

  /** What an access token says about its bearer. */
  record Claims(UserId subject, SessionId session, Role role, boolean emailVerified) {}

  /** A signed token and the instant it stops being accepted. */
  record Issued(String token, Instant expiresAt) {}

  /** Signs a new token for {@code claims}, valid from {@code now} for the configured lifetime. */
  Issued issue(Claims claims, Instant now);

  /**
   * The claims of {@code token} if its signature, algorithm, key id, issuer, audience and
   * lifetime are all valid at {@code now}.
   *
   * @throws UnauthenticatedException otherwise, without saying which check failed
   */
  Claims verify(String token, Instant now);

  /** The {@code iss} of every token issued, which verification requires. */
  String issuer();

  /** The public keys as a JSON Web Key Set ({@code {"keys": [...]}}), ready to serialize. */
  Map<String, Object> jwks();
}
