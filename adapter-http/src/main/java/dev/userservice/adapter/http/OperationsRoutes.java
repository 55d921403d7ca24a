package dev.userservice.adapter.http;

import dev.userservice.domain.port.AccessTokens;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operational routes: JWKS, health, metrics, the OpenAPI document and Swagger UI. */
final class OperationsRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(OperationsRoutes.class);

  private final AccessTokens accessTokens;
  private final Map<String, BooleanSupplier> readinessChecks;
  private final HttpMetrics metrics;
  private final Problems problems;
  private final byte[] openApi = resource("/openapi.json");
  private final byte[] docsPage = resource("/dev/userservice/adapter/http/docs/index.html");

  OperationsRoutes(AccessTokens accessTokens, Map<String, BooleanSupplier> readinessChecks,
      HttpMetrics metrics, Problems problems) {
    this.accessTokens = accessTokens;
    this.readinessChecks = Map.copyOf(readinessChecks);
    this.metrics = metrics;
    this.problems = problems;
  }

  void jwks(Context ctx) {
    // Public keys: caches may keep them a while; rotation keeps old keys published meanwhile.
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.json(accessTokens.jwks());
  }

  void live(Context ctx) {
    ctx.json(Map.of("status", "up"));
  }

  /** 200 when every check passes, else a 503 problem listing each check's state. */
  void ready(Context ctx) {
    Map<String, String> checks = new LinkedHashMap<>();
    readinessChecks.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(check -> checks.put(check.getKey(), passes(check.getKey(), check.getValue())
            ? "up" : "down"));
    List<String> down = checks.entrySet().stream()
        .filter(check -> check.getValue().equals("down"))
        .map(Map.Entry::getKey)
        .toList();
    if (down.isEmpty()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "up");
      body.put("checks", checks);
      ctx.json(body);
      return;
    }
    Map<String, Object> body = problems.problem(ctx, 503, "not-ready", "Service unavailable",
        "not ready: " + String.join(", ", down) + " unreachable");
    body.put("checks", checks);
    ctx.header("Retry-After", Long.toString(Problems.UNAVAILABLE_RETRY_AFTER.toSeconds()));
    problems.write(ctx, body);
  }

  void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }

  void docs(Context ctx) {
    ctx.status(HttpStatus.OK).contentType("text/html; charset=utf-8").result(docsPage);
  }

  private static boolean passes(String name, BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.warn("readiness check {} failed", name, e);
      return false;
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = OperationsRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the adapter-http jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
