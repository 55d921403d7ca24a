package dev.userservice.examples;

import dev.userservice.devservices.DevServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * The PostgreSQL and Redis the examples' tests embed into: the servers named by
 * {@code TEST_DATABASE_URL} (+ {@code TEST_DATABASE_USER} / {@code TEST_DATABASE_PASSWORD}) and
 * {@code TEST_REDIS_URL} when set, otherwise the embedded ones of {@code start-dev}, started
 * once per JVM.
 */
final class ExampleServices {

  private static Map<String, String> environment;

  private ExampleServices() {}

  static synchronized Map<String, String> environment() {
    if (environment == null) {
      String databaseUrl = System.getenv("TEST_DATABASE_URL");
      String redisUrl = System.getenv("TEST_REDIS_URL");
      if (databaseUrl == null || databaseUrl.isBlank() || redisUrl == null
          || redisUrl.isBlank()) {
        DevServices services = DevServices.start(tempDir(), true, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(services::close, "examples-services"));
        environment = services.environment();
      } else {
        environment = Map.of("DATABASE_URL", databaseUrl,
            "DATABASE_USER", orEmpty(System.getenv("TEST_DATABASE_USER")),
            "DATABASE_PASSWORD", orEmpty(System.getenv("TEST_DATABASE_PASSWORD")),
            "REDIS_URL", redisUrl);
      }
    }
    return environment;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static java.nio.file.Path tempDir() {
    try {
      return Files.createTempDirectory("user-service-examples");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
