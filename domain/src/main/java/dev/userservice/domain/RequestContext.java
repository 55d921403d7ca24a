package dev.userservice.domain;

/**
 * Where a request came from, as far as the service can tell: the client's address (after trusted
 * proxies), its user agent and the request's id. Use cases take it to throttle per address and to
 * describe the events they emit; it is never used to decide who the caller is.
 *
 * @param clientAddress the client's IP address; {@code null} when the caller is trusted code
 *     rather than a network client (then nothing is limited per address)
 * @param userAgent the {@code User-Agent} as sent, cut to {@link #MAX_USER_AGENT} characters;
 *     {@code null} when unknown
 * @param requestId the id the request is logged under; {@code null} when unknown
 */
public record RequestContext(String clientAddress, String userAgent, String requestId) {

  /** A call from trusted code: no address, agent or request id. */
  public static final RequestContext NONE = new RequestContext(null, null, null);

  /** The longest user agent kept: a header is the client's to fill, the audit trail is ours. */
  public static final int MAX_USER_AGENT = 256;

  public RequestContext {
    if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
      userAgent = userAgent.substring(0, MAX_USER_AGENT);
    }
  }

  /** A request from {@code clientAddress}, with no agent or id known. */
  public static RequestContext from(String clientAddress) {
    return new RequestContext(clientAddress, null, null);
  }

  /** {@code context}, or {@link #NONE} for {@code null}. */
  public static RequestContext orNone(RequestContext context) {
    return context == null ? NONE : context;
  }
}
