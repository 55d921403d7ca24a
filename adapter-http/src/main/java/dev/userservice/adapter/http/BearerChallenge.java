package dev.userservice.adapter.http;

/**
 * Why a bearer-protected route refused its caller, as the {@code WWW-Authenticate} challenge of
 * RFC 6750 §3 says it. Every 401 carries {@code Bearer realm="user-service"}; the {@code error}
 * attribute is added only when a token was presented: {@code invalid_token} (bad, expired or its
 * session ended: the client may refresh, and must log in again if that fails) or
 * {@code insufficient_scope} (a 403: the token is good, its bearer is not an administrator). A
 * request without a token gets no {@code error}, as §3.1 requires.
 */
enum BearerChallenge {
  INVALID_TOKEN("invalid_token",
      "the access token is malformed, forged, expired or its session has ended"),
  INSUFFICIENT_SCOPE("insufficient_scope", "only an administrator may do this");

  static final String HEADER = "WWW-Authenticate";
  /** The challenge of a 401 without an {@code error}: no bearer token was presented. */
  static final String NO_TOKEN = "Bearer realm=\"user-service\"";

  // Each value is ASCII without '"' or '\' (RFC 6750 §3), so it is written as it is.
  private final String header;

  BearerChallenge(String error, String description) {
    this.header = NO_TOKEN + ", error=\"" + error + "\", error_description=\"" + description
        + "\"";
  }

  /** The header value for {@code challenge}; {@code null} means no token was presented. */
  static String headerOf(BearerChallenge challenge) {
    return challenge == null ? NO_TOKEN : challenge.header;
  }
}
