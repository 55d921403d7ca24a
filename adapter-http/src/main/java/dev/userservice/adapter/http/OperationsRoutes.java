package dev.userservice.adapter.http;

import dev.userservice.domain.port.AccessTokens;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The public operational routes: JWKS, the OpenAPI document and Swagger UI (health and metrics
 * are {@link ManagementApi}'s).
 */
final class OperationsRoutes {

  private final AccessTokens accessTokens;
  private final byte[] openApi = resource("/openapi.json");
  private final byte[] docsPage = resource("/dev/userservice/adapter/http/docs/index.html");

  OperationsRoutes(AccessTokens accessTokens) {
    this.accessTokens = accessTokens;
  }

  void jwks(Context ctx) {
    // Public keys: caches may keep them a while; rotation keeps old keys published meanwhile.
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.json(accessTokens.jwks());
  }

  void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }

  void docs(Context ctx) {
    ctx.status(HttpStatus.OK).contentType("text/html; charset=utf-8").result(docsPage);
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
