package dev.userservice.domain.port;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.RequestContext;

/**
 * Where and how a session was started, as its owner will be shown it: the client's address and
 * user agent at login, each cut to a bounded length (they are the client's to fill, the store is
 * ours), and what the login proved, which the session keeps for its whole life.
 *
 * @param clientAddress at most {@value #MAX_CLIENT_ADDRESS} characters; {@code null} when unknown
 * @param userAgent at most {@link RequestContext#MAX_USER_AGENT} characters; {@code null} when
 *     unknown
 * @param methods how the owner signed in: every access token of the session says so
 */
public record SessionOrigin(String clientAddress, String userAgent, AuthMethods methods) {

  /** Nothing known: a session started by trusted code. */
  public static final SessionOrigin UNKNOWN = new SessionOrigin(null, null);

  /** Longer than any IPv6 literal with a zone. */
  public static final int MAX_CLIENT_ADDRESS = 64;

  /** A session started with the password alone. */
  public SessionOrigin(String clientAddress, String userAgent) {
    this(clientAddress, userAgent, AuthMethods.PASSWORD);
  }

  public SessionOrigin {
    methods = methods == null ? AuthMethods.PASSWORD : methods;
    clientAddress = cut(clientAddress, MAX_CLIENT_ADDRESS);
    userAgent = cut(userAgent, RequestContext.MAX_USER_AGENT);
  }

  /** The address and agent of {@code request}. */
  public static SessionOrigin of(RequestContext request) {
    RequestContext known = RequestContext.orNone(request);
    return of(request, AuthMethods.PASSWORD);
  }

  /** The address and agent of {@code request}, for a login that proved {@code methods}. */
  public static SessionOrigin of(RequestContext request, AuthMethods methods) {
    RequestContext known = RequestContext.orNone(request);
    return new SessionOrigin(known.clientAddress(), known.userAgent(), methods);
  }

  private static String cut(String text, int max) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return text.length() > max ? text.substring(0, max) : text;
  }
}
