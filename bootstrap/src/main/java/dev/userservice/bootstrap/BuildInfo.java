package dev.userservice.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What was built: the version the build wrote into {@code build.properties}, published as the
 * gauge {@code user_service_build_info{version="…"} 1}, so dashboards can tell which instances
 * run which release.
 */
final class BuildInfo {

  private BuildInfo() {}

  /** The project version of this build. */
  static String version() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void register(MeterRegistry registry) {
    Gauge.builder("user.service.build.info", () -> 1)
        .description("Always 1; the version is in the tag")
        .tag("version", version())
        .strongReference(true)
        .register(registry);
  }
}
