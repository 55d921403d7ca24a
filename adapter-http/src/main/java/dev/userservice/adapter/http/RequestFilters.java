package dev.userservice.adapter.http;

import dev.userservice.application.AuthenticateAccessToken;
import dev.userservice.domain.Actor;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.UnauthenticatedException;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The filters of every API request. Before routing ({@link #beforeEveryRequest}): the request's
 * id (the client's {@code X-Request-Id} when it is sane, else a new one, echoed back and put in
 * the logging MDC until {@link AccessLog} ends it), the client's address as
 * {@link TrustedProxies} allow it, and the security headers, with a Content-Security-Policy for
 * pages or for the API. Once the route is matched ({@link #authenticate}): the bearer access
 * token for routes that need a caller ({@link Access}), who then is in the
 * {@link RequestAttributes}; a token refused, or a caller who is not an administrator on an
 * administrator's route, leaves its {@link BearerChallenge} there for {@link Problems}.
 */
final class RequestFilters {

  /** The logging MDC key of the request's id. */
  static final String MDC_REQUEST_ID = "request_id";

  private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
  // Pages (Swagger UI, the fake mail client) use inline styles, and some an inline script.
  private static final String PAGE_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
      + "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  private final TrustedProxies trustedProxies;
  private final AuthenticateAccessToken authenticateAccessToken;
  private final List<String> pages;
  private final List<String> pagesBelow;

  /**
   * @param pagePrefixes paths that serve pages, each with every path below it (see
   *     {@link HttpExtension#pagePrefixes()})
   */
  RequestFilters(TrustedProxies trustedProxies, AuthenticateAccessToken authenticateAccessToken,
      List<String> pagePrefixes) {
    this.trustedProxies = trustedProxies;
    this.authenticateAccessToken = authenticateAccessToken;
    this.pages = List.copyOf(pagePrefixes);
    // With the slash added once: this runs on every request.
    this.pagesBelow = pages.stream().map(prefix -> prefix + "/").toList();
  }

  void beforeEveryRequest(Context ctx) {
    String incoming = ctx.header("X-Request-Id");
    String requestId = incoming != null && SANE_REQUEST_ID.matcher(incoming).matches()
        ? incoming : UUID.randomUUID().toString();
    RequestAttributes.requestId(ctx, requestId);
    MDC.put(MDC_REQUEST_ID, requestId);
    RequestAttributes.clientAddress(ctx, trustedProxies.clientAddress(ctx.req().getRemoteAddr(),
        Collections.list(ctx.req().getHeaders("X-Forwarded-For"))));
    ctx.header("X-Request-Id", requestId);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", isPage(ctx.path()) ? PAGE_CSP : API_CSP);
  }

  void authenticate(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (!roles.contains(Access.AUTHENTICATED) && !roles.contains(Access.ADMIN)) {
      return;
    }
    String token = bearerToken(ctx);
    Actor actor;
    try {
      actor = authenticateAccessToken.authenticate(token);
    } catch (UnauthenticatedException e) {
      RequestAttributes.challenge(ctx, BearerChallenge.INVALID_TOKEN);
      throw e;
    }
    if (roles.contains(Access.ADMIN) && !actor.isAdmin()) {
      RequestAttributes.challenge(ctx, BearerChallenge.INSUFFICIENT_SCOPE);
      throw new ForbiddenException("only an administrator may do this");
    }
    RequestAttributes.actor(ctx, actor);
  }

  private boolean isPage(String path) {
    for (int i = 0; i < pages.size(); i++) {
      if (path.equals(pages.get(i)) || path.startsWith(pagesBelow.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static String bearerToken(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) {
      throw new UnauthenticatedException("a bearer access token is required");
    }
    // By hand rather than split("\\s+"): on every authenticated request, no regular expression
    // over the whole token (docs/performance.md, "Bearer header parsed by hand").
    String value = header.strip();
    int space = 0;
    while (space < value.length() && !Character.isWhitespace(value.charAt(space))) {
      space++;
    }
    String token = value.substring(space).strip();
    if (!value.regionMatches(true, 0, "Bearer", 0, space) || space != "Bearer".length()
        || token.isEmpty()) {
      throw new UnauthenticatedException("a bearer access token is required");
    }
    return token;
  }
}
