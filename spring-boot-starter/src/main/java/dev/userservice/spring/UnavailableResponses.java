package dev.userservice.spring;

import dev.userservice.domain.UnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A 503 with {@code Retry-After}, not a 500, when PostgreSQL or Redis is unreachable while a
 * request of the host's is served: checking a token on the way in (the introspector runs inside
 * Spring Security's filters, which let such an error through) or calling a use case. Placed
 * before Spring Security, so it sees both. The dependency is back without a restart; so is the
 * host.
 */
final class UnavailableResponses extends OncePerRequestFilter {

  private static final String BODY = "{\"type\":\"urn:user-service:problem:unavailable\","
      + "\"title\":\"Service unavailable\",\"status\":503,"
      + "\"detail\":\"a dependency is unavailable; try again later\"}";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException e) {
      if (!(cause(e) instanceof UnavailableException unavailable) || response.isCommitted()) {
        throw e;
      }
      logger.warn(unavailable.dependency() + " is unavailable: " + unavailable.getMessage());
      response.resetBuffer();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", unavailable.busy() ? "1" : "5");
      response.setContentType("application/problem+json");
      response.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Throwable cause(Throwable error) {
    for (Throwable at = error; at != null; at = at.getCause()) {
      if (at instanceof UnavailableException) {
        return at;
      }
    }
    return error;
  }
}
