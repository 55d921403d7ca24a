package dev.userservice.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error as an RFC 9457 {@code application/problem+json} document, mapped in this one place:
 * the domain's error family, Javalin's own HTTP errors (404, 405, 413, 415) and anything
 * unexpected (500, logged with the request id, no internals in the response). The one exception
 * is an {@link OAuthException}, which OAuth clients expect in RFC 6749's own JSON
 * ({@link OAuthRoutes#writeError}).
 */
final class Problems {

  static final String PROBLEM_JSON = "application/problem+json";
  /** How long clients should wait after a dependency outage before retrying. */
  static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);
  /** How long clients should wait after the service refused work it had no room for. */
  static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final String TYPE_PREFIX = "urn:user-service:problem:";

  private final ObjectMapper mapper;

  Problems(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  void register(RoutesConfig routes) {
    routes.exception(DomainException.class, this::domain);
    routes.exception(HttpResponseException.class, this::http);
    routes.exception(Exception.class, this::unexpected);
  }

  private void domain(DomainException error, Context ctx) {
    Map<String, Object> body;
    if (error instanceof InvalidInputException invalid) {
      body = problem(ctx, 400, "invalid-input", "Invalid input", invalid.getMessage());
      body.put("errors", fieldErrors(invalid.errors()));
    } else if (error instanceof InvalidCodeException code) {
      String reason = code.reason().name().toLowerCase(Locale.ROOT);
      body = problem(ctx, 400, "invalid-code", "Invalid code", code.getMessage());
      body.put("reason", reason);
      body.put("errors", fieldErrors(List.of(new FieldError("code", code.getMessage()))));
    } else if (error instanceof UnauthenticatedException) {
      ctx.header(BearerChallenge.HEADER, BearerChallenge.headerOf(
          RequestAttributes.challengeIfAny(ctx)));
      body = problem(ctx, 401, "unauthenticated", "Unauthenticated", error.getMessage());
    } else if (error instanceof ForbiddenException forbidden) {
      BearerChallenge challenge = RequestAttributes.challengeIfAny(ctx);
      if (challenge != null) {
        ctx.header(BearerChallenge.HEADER, BearerChallenge.headerOf(challenge));
      }
      body = forbidden.isStepUpRequired()
          ? problem(ctx, 403, "step-up-required", "Second factor required", error.getMessage())
          : problem(ctx, 403, "forbidden", "Forbidden", error.getMessage());
    } else if (error instanceof NotFoundException) {
      body = problem(ctx, 404, "not-found", "Not found", error.getMessage());
    } else if (error instanceof ConflictException) {
      body = problem(ctx, 409, "conflict", "Conflict", error.getMessage());
    } else if (error instanceof ThrottledException throttled) {
      ctx.header("Retry-After", Long.toString(seconds(throttled.retryAfter())));
      body = problem(ctx, 429, "throttled", "Too many requests", error.getMessage());
    } else if (error instanceof OAuthException oauth) {
      OAuthRoutes.writeError(ctx, oauth);
      return;
    } else if (error instanceof UnavailableException busy && busy.busy()) {
      // Load shedding, not an outage: under a flood a line per refused request would add to it.
      LOG.debug("request {}: {} is busy", RequestAttributes.requestId(ctx), busy.dependency());
      ctx.header("Retry-After", Long.toString(BUSY_RETRY_AFTER.toSeconds()));
      body = problem(ctx, 503, "busy", "Service unavailable",
          "the service is busy; try again shortly");
    } else if (error instanceof UnavailableException unavailable) {
      LOG.warn("request {}: {} is unavailable: {}", RequestAttributes.requestId(ctx),
          unavailable.dependency(), rootCause(unavailable));
      LOG.debug("request {}: outage details", RequestAttributes.requestId(ctx), unavailable);
      ctx.header("Retry-After", Long.toString(UNAVAILABLE_RETRY_AFTER.toSeconds()));
      body = problem(ctx, 503, "unavailable", "Service unavailable",
          "a dependency is unavailable; try again later");
    } else {
      unexpected(error, ctx);
      return;
    }
    write(ctx, body);
  }

  private void http(HttpResponseException error, Context ctx) {
    int status = error.getStatus();
    Map<String, Object> body = switch (status) {
      case 404 -> problem(ctx, 404, "no-such-route", "Not found",
          "no route " + ctx.method().name() + " " + ctx.path());
      case 405 -> {
        String allowed = allowed(error);
        if (allowed != null) {
          ctx.header("Allow", allowed);
        }
        yield problem(ctx, 405, "method-not-allowed", "Method not allowed",
            ctx.method().name() + " is not allowed on " + ctx.path()
                + (allowed == null ? "" : "; allowed: " + allowed));
      }
      case 413 -> problem(ctx, 413, "body-too-large", "Content too large",
          nonBlank(error.getMessage(), "the request body is too large"));
      case 415 -> problem(ctx, 415, "unsupported-media-type", "Unsupported media type",
          nonBlank(error.getMessage(), "the request body must be JSON"));
      default -> problem(ctx, status, "http-" + status, HttpStatus.forStatus(status).getMessage(),
          nonBlank(error.getMessage(), HttpStatus.forStatus(status).getMessage()));
    };
    write(ctx, body);
  }

  private void unexpected(Exception error, Context ctx) {
    LOG.error("request {} failed: {} {}", RequestAttributes.requestId(ctx), ctx.method().name(),
        ctx.path(), error);
    write(ctx, problem(ctx, 500, "internal", "Internal server error",
        "an unexpected error occurred; quote request id " + RequestAttributes.requestId(ctx)));
  }

  /** A problem document with the members every problem has. */
  Map<String, Object> problem(Context ctx, int status, String type, String title, String detail) {
    Map<String, Object> body = document(status, type, title, detail);
    body.put("request_id", RequestAttributes.requestId(ctx));
    return body;
  }

  /** The members every problem has, for answers given before a request has an id. */
  static Map<String, Object> document(int status, String type, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_PREFIX + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    return body;
  }

  void write(Context ctx, Map<String, Object> body) {
    try {
      ctx.status((Integer) body.get("status"))
          .contentType(PROBLEM_JSON)
          .result(mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem document is always serializable", e);
    }
  }

  private static List<FieldError> fieldErrors(List<FieldError> errors) {
    return List.copyOf(errors); // serialized as [{"field": ..., "message": ...}]
  }

  private static String allowed(HttpResponseException error) {
    if (!(error instanceof MethodNotAllowedResponse)) {
      return null;
    }
    String allowed = error.getDetails().get("availableMethods");
    return allowed != null ? allowed : error.getDetails().get("Available methods");
  }

  private static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": "
        + root.getMessage());
  }

  private static long seconds(Duration wait) {
    long millis = wait.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  private static String nonBlank(String text, String fallback) {
    return text == null || text.isBlank() ? fallback : text;
  }
}
