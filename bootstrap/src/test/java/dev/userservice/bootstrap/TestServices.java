package dev.userservice.bootstrap;

import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.devservices.DevServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The infrastructure the end-to-end tests run the application against, once per JVM: the
 * servers named by {@code TEST_DATABASE_URL} / {@code TEST_REDIS_URL} when set, otherwise the
 * same embedded PostgreSQL and Redis that {@code start-dev} runs. Either way the database is
 * emptied and the Redis database flushed first, so every run starts from nothing. Public, with
 * {@link RunningApp}, for examples/spring-resource-server.
 */
public final class TestServices {

  private static Map<String, String> environment;

  private TestServices() {}

  /** Settings every test instance shares: database, Redis, signing key, admin, free ports. */
  public static synchronized Map<String, String> environment() {
    if (environment == null) {
      environment = start();
    }
    return new HashMap<>(environment);
  }

  private static Map<String, String> start() {
    Path dir = tempDir();
    Map<String, String> env = new HashMap<>();
    String databaseUrl = System.getenv("TEST_DATABASE_URL");
    String redisUrl = System.getenv("TEST_REDIS_URL");
    if (databaseUrl == null || databaseUrl.isBlank() || redisUrl == null || redisUrl.isBlank()) {
      DevServices services = DevServices.start(dir.resolve("dev-data"), true, freePort());
      Runtime.getRuntime().addShutdownHook(new Thread(services::close, "test-services-close"));
      env.putAll(services.environment());
    } else {
      env.put("DATABASE_URL", databaseUrl);
      env.put("DATABASE_USER", orEmpty(System.getenv("TEST_DATABASE_USER")));
      env.put("DATABASE_PASSWORD", orEmpty(System.getenv("TEST_DATABASE_PASSWORD")));
      env.put("REDIS_URL", redisUrl);
      Path key = dir.resolve("jwt-private-key.pem");
      PemKeys.writePrivateKey(PemKeys.generate(2048).getPrivate(), key);
      env.put("JWT_PRIVATE_KEY_FILE", key.toString());
      Path secret = dir.resolve("secret.key");
      ServerSecret.generate(secret);
      env.put("SECRET_KEY_FILE", secret.toString());
      int smtp = freePort();
      env.put("SMTP_HOST", "127.0.0.1");
      env.put("SMTP_PORT", Integer.toString(smtp));
      env.put("FAKE_SMTP_PORT", Integer.toString(smtp));
      // As DevServices' environment does: every test reads its letters from the fake mail server.
      env.put("FAKE_MAIL_ENABLED", "true");
    }
    // The tests' own SQL names the service's tables without their schema; the service's
    // statements name it themselves (adapter-postgres' JooqUserRepositoryInAnotherSchemaTest).
    env.put("DATABASE_URL", searchingSchema(env.get("DATABASE_URL"), "user_service"));
    emptyDatabase(env);
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", "0");
    env.put("MANAGEMENT_PORT", "0");
    env.put("ADMIN_EMAIL", "admin@example.com");
    env.put("ADMIN_PASSWORD", "first operator passphrase for tests");
    env.put("ARGON2_MEMORY_KIB", "1024");
    env.put("ARGON2_ITERATIONS", "1");
    // A shared Redis may hold keys of earlier runs (login throttles by email): start clean.
    env.put("REDIS_KEY_PREFIX", "e2e-" + Long.toHexString(System.nanoTime()) + ":");
    return env;
  }

  /** {@code url}, whose connections look up unqualified names in {@code schema}. */
  static String searchingSchema(String url, String schema) {
    String base = url.replaceFirst("[?&]currentSchema=[^&]*", "");
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops whatever an earlier run or another module's tests left in the database. */
  static void emptyDatabase(Map<String, String> env) {
    try (var connection = DriverManager.getConnection(env.get("DATABASE_URL"),
        env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS user_service CASCADE");
      statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
      statement.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      throw new IllegalStateException("the test database at " + env.get("DATABASE_URL")
          + " is not reachable: is PostgreSQL running?", e);
    }
  }

  /**
   * A Redis key prefix no other instance uses, for tests whose throttles (counted per client
   * address, and every test client is 127.0.0.1) must not meet those of other tests.
   */
  public static String freshKeyPrefix(String name) {
    return name + "-" + Long.toHexString(System.nanoTime()) + ":";
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("user-service-e2e");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
