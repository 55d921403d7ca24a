package dev.userservice.spring.web;

import dev.userservice.application.AuthenticateAccessToken;
import dev.userservice.domain.Actor;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.UnauthenticatedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who calls a route and from where, as adapter-http's request filters decide it: the request id
 * (a sane {@code X-Request-Id}, else a new one), the client address (the servlet's, which the
 * host's {@code server.forward-headers-strategy} sets behind a proxy), and the {@link Actor} of
 * the bearer token, its session live. A refusal remembers its RFC 6750 challenge for the problem
 * response's {@code WWW-Authenticate}.
 */
final class Caller {

  static final String CHALLENGE = Caller.class.getName() + ".challenge";
  static final String NO_TOKEN = "Bearer realm=\"user-service\"";
  static final String INVALID_TOKEN = NO_TOKEN + ", error=\"invalid_token\", error_description=\""
      + "the access token is malformed, forged, expired or its session has ended\"";
  static final String INSUFFICIENT_SCOPE = NO_TOKEN + ", error=\"insufficient_scope\","
      + " error_description=\"only an administrator may do this\"";

  private static final String REQUEST_ID = Caller.class.getName() + ".requestId";
  private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final AuthenticateAccessToken authenticateAccessToken;

  Caller(AuthenticateAccessToken authenticateAccessToken) {
    this.authenticateAccessToken = authenticateAccessToken;
  }

  static String requestId(HttpServletRequest request) {
    Object known = request.getAttribute(REQUEST_ID);
    if (known instanceof String id) {
      return id;
    }
    String incoming = request.getHeader("X-Request-Id");
    String id = incoming != null && SANE_REQUEST_ID.matcher(incoming).matches()
        ? incoming : UUID.randomUUID().toString();
    request.setAttribute(REQUEST_ID, id);
    return id;
  }

  static RequestContext context(HttpServletRequest request) {
    return new RequestContext(request.getRemoteAddr(), request.getHeader("User-Agent"),
        requestId(request));
  }

  /** The signed-in caller; a missing, bad or ended token is a 401. */
  Actor actor(HttpServletRequest request) {
    String token = bearerToken(request);
    try {
      return authenticateAccessToken.authenticate(token);
    } catch (UnauthenticatedException e) {
      request.setAttribute(CHALLENGE, INVALID_TOKEN);
      throw e;
    }
  }

  /** The signed-in administrator; anyone else signed in is a 403. */
  Actor admin(HttpServletRequest request) {
    Actor actor = actor(request);
    if (!actor.isAdmin()) {
      request.setAttribute(CHALLENGE, INSUFFICIENT_SCOPE);
      throw new ForbiddenException("only an administrator may do this");
    }
    return actor;
  }

  private static String bearerToken(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    String value = header == null ? "" : header.strip();
    int space = value.indexOf(' ');
    String token = space < 0 ? "" : value.substring(space).strip();
    if (space != "Bearer".length() || !value.regionMatches(true, 0, "Bearer", 0, space)
        || token.isEmpty()) {
      throw new UnauthenticatedException("a bearer access token is required");
    }
    return token;
  }
}
