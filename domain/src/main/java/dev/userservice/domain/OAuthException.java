package dev.userservice.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * An OAuth 2.0 endpoint refused a request with one of the error codes its RFC defines (RFC 6749
 * §5.2 for the token endpoint, RFC 7009 §2.2.1 for revocation). The HTTP adapter answers these
 * with the RFC's JSON ({@code error}, {@code error_description}), not a problem document, since
 * OAuth client libraries read only that shape.
 */
public final class OAuthException extends DomainException {

  private static final long serialVersionUID = 1L;

  /** The error codes; {@link #wireName()} is what the response's {@code error} says. */
  public enum Code {
    /** A parameter is missing, repeated or malformed, or more than one client authentication. */
    INVALID_REQUEST,
    /** Client authentication failed: unknown client, wrong secret, or none given (HTTP 401). */
    INVALID_CLIENT,
    /** The refresh token is invalid, expired, revoked, reused or not the client's. */
    INVALID_GRANT,
    /** The authenticated client may not use this grant type. */
    UNAUTHORIZED_CLIENT,
    /** The grant type is not one the token endpoint supports. */
    UNSUPPORTED_GRANT_TYPE,
    /** A requested scope is unknown, malformed or beyond what the client is allowed. */
    INVALID_SCOPE,
    /** The token cannot be revoked by this server (RFC 7009 §2.2.1). */
    UNSUPPORTED_TOKEN_TYPE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Code code;

  public OAuthException(Code code, String description) {
    super(description);
    this.code = Objects.requireNonNull(code, "code");
  }

  public Code code() {
    return code;
  }
}
