package dev.userservice.spring.web;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.DomainException;
import dev.userservice.domain.FieldError;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidCodeException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every error of our routes as the RFC 9457 {@code application/problem+json} document
 * adapter-http's {@code Problems} writes: the same {@code type}s, statuses, {@code errors},
 * {@code Retry-After} and {@code WWW-Authenticate} headers (docs/errors.md), and the OAuth
 * endpoints' errors in RFC 6749 §5.2's JSON. Only for our controllers: the host's errors stay the
 * host's.
 */
@RestControllerAdvice(assignableTypes = {UserController.class, SecurityController.class,
    AccountController.class, AuditController.class, MfaController.class, OAuthController.class,
    WebhookController.class, WellKnownController.class})
final class ProblemResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
  private static final String TYPE_PREFIX = "urn:user-service:problem:";
  private static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);
  private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

  private final ApiJson json;

  ProblemResponses(ApiJson json) {
    this.json = json;
  }

  @ExceptionHandler(DomainException.class)
  ResponseEntity<byte[]> domain(DomainException error, HttpServletRequest request) {
    HttpHeaders headers = new HttpHeaders();
    Map<String, Object> body;
    if (error instanceof OAuthException oauth) {
      return OAuthController.error(oauth, json);
    } else if (error instanceof InvalidInputException invalid) {
      body = problem(request, 400, "invalid-input", "Invalid input", invalid.getMessage());
      body.put("errors", List.copyOf(invalid.errors()));
    } else if (error instanceof InvalidCodeException code) {
      body = problem(request, 400, "invalid-code", "Invalid code", code.getMessage());
      body.put("reason", code.reason().name().toLowerCase(Locale.ROOT));
      body.put("errors", List.of(new FieldError("code", code.getMessage())));
    } else if (error instanceof UnauthenticatedException) {
      Object challenge = request.getAttribute(Caller.CHALLENGE);
      headers.set(HttpHeaders.WWW_AUTHENTICATE,
          challenge == null ? Caller.NO_TOKEN : challenge.toString());
      body = problem(request, 401, "unauthenticated", "Unauthenticated", error.getMessage());
    } else if (error instanceof ForbiddenException) {
      Object challenge = request.getAttribute(Caller.CHALLENGE);
      if (challenge != null) {
        headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
      }
      body = problem(request, 403, "forbidden", "Forbidden", error.getMessage());
    } else if (error instanceof NotFoundException) {
      body = problem(request, 404, "not-found", "Not found", error.getMessage());
    } else if (error instanceof ConflictException) {
      body = problem(request, 409, "conflict", "Conflict", error.getMessage());
    } else if (error instanceof ThrottledException throttled) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(throttled.retryAfter())));
      body = problem(request, 429, "throttled", "Too many requests", error.getMessage());
    } else if (error instanceof UnavailableException busy && busy.busy()) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(BUSY_RETRY_AFTER.toSeconds()));
      body = problem(request, 503, "busy", "Service unavailable",
          "the service is busy; try again shortly");
    } else if (error instanceof UnavailableException unavailable) {
      LOG.warn("request {}: {} is unavailable: {}", Caller.requestId(request),
          unavailable.dependency(), unavailable.toString());
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(UNAVAILABLE_RETRY_AFTER.toSeconds()));
      body = problem(request, 503, "unavailable", "Service unavailable",
          "a dependency is unavailable; try again later");
    } else {
      return unexpected(error, request);
    }
    return write(body, headers);
  }

  @ExceptionHandler({ResponseStatusException.class, HttpMediaTypeNotSupportedException.class})
  ResponseEntity<byte[]> unsupportedMediaType(Exception error, HttpServletRequest request) {
    String detail = error instanceof ResponseStatusException status && status.getReason() != null
        ? status.getReason() : "the request body must be JSON (Content-Type: application/json)";
    return write(problem(request, 415, "unsupported-media-type", "Unsupported media type",
        detail), new HttpHeaders());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> unexpected(Exception error, HttpServletRequest request) {
    LOG.error("request {} failed: {} {}", Caller.requestId(request), request.getMethod(),
        request.getRequestURI(), error);
    return write(problem(request, 500, "internal", "Internal server error",
        "an unexpected error occurred; quote request id " + Caller.requestId(request)),
        new HttpHeaders());
  }

  private static Map<String, Object> problem(HttpServletRequest request, int status, String type,
      String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_PREFIX + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("request_id", Caller.requestId(request));
    return body;
  }

  private ResponseEntity<byte[]> write(Map<String, Object> body, HttpHeaders headers) {
    headers.set(HttpHeaders.CONTENT_TYPE, "application/problem+json");
    return ResponseEntity.status(HttpStatus.valueOf((Integer) body.get("status")))
        .headers(headers).body(json.bytes(body));
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
