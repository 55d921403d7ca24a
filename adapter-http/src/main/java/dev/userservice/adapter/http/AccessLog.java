package dev.userservice.adapter.http;

import dev.userservice.domain.Actor;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The access log, on the logger {@code dev.userservice.http.access}: a text line per request for
 * people (method, path, status, duration in milliseconds to a tenth, request id), and the same
 * facts plus the client's address and the caller as SLF4J key-value pairs for the JSON log, where
 * the text format leaves them out. Writing it ends the request's MDC entry that
 * {@link RequestFilters} began.
 */
final class AccessLog {

  private static final Logger LOG = LoggerFactory.getLogger("dev.userservice.http.access");

  private AccessLog() {}

  static void write(Context ctx, Float millis) {
    try {
      // Tenths of a millisecond by integer arithmetic, not String.format: this runs for every
      // request (docs/performance.md, "Access log duration").
      long tenths = Math.round(millis.doubleValue() * 10);
      String requestId = RequestAttributes.requestId(ctx);
      int status = ctx.statusCode();
      Actor actor = RequestAttributes.actorIfAny(ctx);
      LOG.atInfo()
          .setMessage("{} {} {} {}.{}ms request_id={}")
          .addArgument(ctx.method().name()).addArgument(ctx.path()).addArgument(status)
          .addArgument(tenths / 10).addArgument(tenths % 10).addArgument(requestId)
          .addKeyValue("http.method", ctx.method().name())
          .addKeyValue("url.path", ctx.path())
          .addKeyValue("http.status", status)
          .addKeyValue("duration_ms", tenths / 10.0)
          .addKeyValue("client.ip", RequestAttributes.clientAddress(ctx))
          .addKeyValue("user.id", actor == null ? null : actor.id().toString())
          .addKeyValue("request.id", requestId)
          .log();
    } finally {
      MDC.remove(RequestFilters.MDC_REQUEST_ID);
    }
  }
}
