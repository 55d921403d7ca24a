package dev.userservice.domain.port;

import dev.userservice.domain.RequestContext;

/**
 * Where a session was started, as its owner will be shown it: the client's address and user
 * agent at login, each cut to a bounded length (they are the client's to fill, the store is ours).
 *
 * @param clientAddress at most {@value #MAX_CLIENT_ADDRESS} characters; {@code null} when unknown
 * @param userAgent at most {@link RequestContext#MAX_USER_AGENT} characters; {@code null} when
 *     unknown
 */
public record SessionOrigin(String clientAddress, String userAgent) {

  /** Nothing known: a session started by trusted code. */
  public static final SessionOrigin UNKNOWN = new SessionOrigin(null, null);

  /** Longer than any IPv6 literal with a zone. */
  public static final int MAX_CLIENT_ADDRESS = 64;

  public SessionOrigin {
    clientAddress = cut(clientAddress, MAX_CLIENT_ADDRESS);
    userAgent = cut(userAgent, RequestContext.MAX_USER_AGENT);
  }

  /** The address and agent of {@code request}. */
  public static SessionOrigin of(RequestContext request) {
    RequestContext known = RequestContext.orNone(request);
    return new SessionOrigin(known.clientAddress(), known.userAgent());
  }

  private static String cut(String text, int max) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return text.length() > max ? text.substring(0, max) : text;
  }
}
