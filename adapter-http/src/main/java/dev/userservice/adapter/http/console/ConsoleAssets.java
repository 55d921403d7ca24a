package dev.userservice.adapter.http.console;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * The console's two files, read from the classpath once: its style sheet and htmx (from its
 * webjar). Each is linked with a digest of its content in the query, so it may be cached for a
 * year: a changed file has a new URL. Only these names are served; anything else is 404.
 */
final class ConsoleAssets {

  private static final String HTMX = "/META-INF/resources/webjars/htmx.org/" + webjarVersion()
      + "/dist/htmx.min.js";
  private static final Asset CSS = Asset.load("console.css",
      "/dev/userservice/adapter/http/console/console.css", "text/css; charset=utf-8");
  private static final Asset SCRIPT = Asset.load("htmx.min.js", HTMX,
      "text/javascript; charset=utf-8");

  private record Asset(String name, byte[] content, String type, String url) {

    static Asset load(String name, String resource, String type) {
      try (InputStream in = ConsoleAssets.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing console asset " + resource);
        }
        byte[] content = in.readAllBytes();
        String digest = HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(content));
        return new Asset(name, content, type, AdminConsole.ROOT + "/assets/" + name + "?v="
            + digest.substring(0, 16));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK always has SHA-256", e);
      }
    }
  }

  private ConsoleAssets() {}

  /** The version of the htmx webjar on the class path, as its Maven metadata names it. */
  private static String webjarVersion() {
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(
        "/META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the htmx webjar is not on the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET /admin/assets/{file}}. */
  static void serve(Context ctx) {
    String name = ctx.pathParam("file");
    Asset asset = CSS.name().equals(name) ? CSS : SCRIPT.name().equals(name) ? SCRIPT : null;
    if (asset == null) {
      throw new NotFoundResponse();
    }
    ctx.header("Cache-Control", "public, max-age=31536000, immutable")
        .header("X-Content-Type-Options", "nosniff")
        .contentType(asset.type()).result(asset.content());
  }

  /** The assets' URLs, for the page's head. */
  static void addTo(Map<String, Object> model) {
    model.put("cssUrl", CSS.url());
    model.put("htmxUrl", SCRIPT.url());
  }
}
