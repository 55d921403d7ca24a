package dev.userservice.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files the documentation page ({@code /docs}) loads, served from the classpath by name:
 * Swagger UI's from its webjar under {@code /docs/ui/}, cached for a day, and ours under
 * {@code /docs/app/}, revalidated on each use. Only a plain file name with a type in the table
 * below is looked up; anything else is 404.
 *
 * <p>By name rather than through Javalin's static-file handler: that handler mounts the jar that
 * holds the files as a zip file system, which for the service's fat jar costs start-up time
 * before the first request (docs/performance.md, "Static assets from the classpath").
 */
final class StaticAssets {

  /** The path every asset is below; its routes are not part of the documented API. */
  static final String ROOT = "/docs/";

  private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/5.34.1";
  private static final String OURS = "/dev/userservice/adapter/http/docs";
  // The webjar's own page and initializer show the petstore; ours is at /docs.
  private static final Set<String> WEBJAR_HIDDEN = Set.of("index.html", "swagger-initializer.js");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "html", "text/html; charset=utf-8",
      "png", "image/png",
      "txt", "text/plain; charset=utf-8");

  private StaticAssets() {}

  /** {@code GET {ROOT}ui/{file}}: a file of Swagger UI. */
  static void swaggerUi(Context ctx) {
    serve(ctx, WEBJAR, "public, max-age=86400", WEBJAR_HIDDEN);
  }

  /** {@code GET {ROOT}app/{file}}: a file of our own documentation page. */
  static void ours(Context ctx) {
    serve(ctx, OURS, "no-cache", Set.of());
  }

  private static void serve(Context ctx, String directory, String cacheControl,
      Set<String> hidden) {
    String name = ctx.pathParam("file");
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    InputStream content = !NAME.matcher(name).matches() || hidden.contains(name)
        || type == null ? null : StaticAssets.class.getResourceAsStream(directory + "/" + name);
    if (content == null) {
      throw new NotFoundResponse();
    }
    ctx.header("Cache-Control", cacheControl).contentType(type).result(content);
  }
}
