package dev.userservice.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.UnavailableException;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** An outage during a host's request is a 503 problem; any other error passes through. */
class UnavailableResponsesTest {

  private final UnavailableResponses filter = new UnavailableResponses();
  private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x");
  private final MockHttpServletResponse response = new MockHttpServletResponse();

  @Test
  void anOutage_inTheTokenCheck_isA503_withRetryAfter() throws Exception {
    filter.doFilter(request, response, (req, res) -> {
      throw new UnavailableException("redis", new IllegalStateException("connection refused"));
    });

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString()).contains("urn:user-service:problem:unavailable");
  }

  @Test
  void anOutage_wrappedByTheDispatcher_isA503_too() throws Exception {
    filter.doFilter(request, response, (req, res) -> {
      throw new ServletException("Request processing failed",
          new UnavailableException("database", new IllegalStateException("timeout")));
    });

    assertThat(response.getStatus()).isEqualTo(503);
  }

  @Test
  void anyOtherError_passesThrough() {
    assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
      throw new IllegalStateException("a bug");
    })).isInstanceOf(IllegalStateException.class);
  }
}
