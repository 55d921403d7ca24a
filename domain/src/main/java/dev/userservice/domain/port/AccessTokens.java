package dev.userservice.domain.port;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.ClientId;
import dev.userservice.domain.Metadata;
import dev.userservice.domain.Role;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Short-lived, signed, self-contained access tokens (JWT) and the keys that verify them. */
public interface AccessTokens {

  /**
   * What an access token says about its bearer.
   *
   * @param methods how the bearer signed in to the session (the {@code amr} claim)
   * @param appMetadata the bearer's {@code app_metadata}, of which a token carries the top-level
   *     members its issuer was configured to copy; {@link #verify} leaves it empty (no use case
   *     reads it back from a token)
   */
  record Claims(UserId subject, SessionId session, Role role, boolean emailVerified,
      AuthMethods methods, Metadata appMetadata) {

    /** Claims of a session started with the password alone. */
    public Claims(UserId subject, SessionId session, Role role, boolean emailVerified) {
      this(subject, session, role, emailVerified, AuthMethods.PASSWORD);
    }

    /** Claims without {@code app_metadata}. */
    public Claims(UserId subject, SessionId session, Role role, boolean emailVerified,
        AuthMethods methods) {
      this(subject, session, role, emailVerified, methods, Metadata.EMPTY);
    }

    public Claims {
      methods = methods == null ? AuthMethods.PASSWORD : methods;
      appMetadata = appMetadata == null ? Metadata.EMPTY : appMetadata;
    }
  }

  /** What a token issued to a registered client for itself ({@code client_credentials}) says. */
  record ClientClaims(ClientId client, Scopes scopes) {}

  /** A signed token and the instant it stops being accepted. */
  record Issued(String token, Instant expiresAt) {}

  /**
   * What a valid token of either kind says, for token introspection (RFC 7662).
   *
   * @param user the claims of a user's token; {@code null} for a client's own token
   * @param client the claims of a client's own token; {@code null} for a user's token
   * @param clientId the {@code client_id} claim (the first-party id for a user's token)
   * @param subject the {@code sub} claim: the user id, or the client id
   * @param roles the {@code roles} claim of a user's token; empty for a client's
   */
  record Inspected(Claims user, ClientClaims client, String clientId, String subject,
      String scope, List<String> roles, String issuer, String audience, Instant issuedAt,
      Instant expiresAt) {}

  /** Signs a new token for {@code claims}, valid from {@code now} for the configured lifetime. */
  Issued issue(Claims claims, Instant now);

  /**
   * Signs a new token for a registered client itself ({@code sub} and {@code client_id} its id,
   * {@code scope} its granted scopes, no user claims), valid from {@code now} for the configured
   * lifetime. {@link #verify} refuses it: it stands for no user.
   */
  Issued issue(ClientClaims claims, Instant now);

  /**
   * The claims of {@code token} if it is a user's token (never a client's own) whose signature,
   * algorithm, key id, issuer, audience and lifetime are all valid at {@code now}.
   *
   * @throws UnauthenticatedException otherwise, without saying which check failed
   */
  Claims verify(String token, Instant now);

  /**
   * What {@code token} says if it is a valid token of either kind at {@code now}, checked as
   * {@link #verify} checks a user's.
   *
   * @throws UnauthenticatedException otherwise
   */
  Inspected inspect(String token, Instant now);

  /** The {@code iss} of every token issued, which verification requires. */
  String issuer();

  /** The public keys as a JSON Web Key Set ({@code {"keys": [...]}}), ready to serialize. */
  Map<String, Object> jwks();
}
