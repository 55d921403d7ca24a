package dev.userservice.devservices;

import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.ServerSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * What {@code start-dev} runs instead of real infrastructure: an embedded PostgreSQL and Redis on
 * free loopback ports, with their data kept under one directory across restarts, and a signing
 * key and a secret key generated once beside it. {@link #environment()} points the service at
 * them. The signing key is RSA, so the tokens are RS256, which every verifier admits; an EC P-256
 * key put in its place, or named by {@code JWT_PRIVATE_KEY_FILE} (real variables win), signs
 * ES256 instead, by the same rule as in production.
 */
public final class DevServices implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DevServices.class);

  private final Path dataDir;
  private final EmbeddedPostgres postgres;
  private final RedisServer redis;
  private final int redisPort;
  private final int smtpPort;
  private final Path signingKey;
  private final Path secretKey;

  private DevServices(Path dataDir, EmbeddedPostgres postgres, RedisServer redis,
      int redisPort, int smtpPort, Path signingKey, Path secretKey) {
    this.dataDir = dataDir;
    this.postgres = postgres;
    this.redis = redis;
    this.redisPort = redisPort;
    this.smtpPort = smtpPort;
    this.signingKey = signingKey;
    this.secretKey = secretKey;
  }

  /**
   * Starts both servers, keeping their data under {@code dataDir} ({@code fresh} wipes it
   * first); the fake SMTP server is to listen on {@code wantedSmtpPort}, or on a free port when
   * that one is taken.
   */
  public static DevServices start(Path dataDir, boolean fresh, int wantedSmtpPort) {
    Path root = dataDir.toAbsolutePath().normalize();
    if (fresh) {
      deleteRecursively(root);
    }
    createDirectories(root.resolve("redis"));
    Path key = root.resolve("jwt-private-key.pem");
    if (!Files.exists(key)) {
      PemKeys.writePrivateKey(PemKeys.generate(2048).getPrivate(), key);
    }
    Path secret = root.resolve("secret.key");
    if (!Files.exists(secret)) {
      ServerSecret.generate(secret);
    }
    EmbeddedPostgres postgres = startPostgres(root.resolve("postgres"));
    int redisPort = freePort();
    RedisServer redis;
    try {
      redis = RedisServer.builder()
          .port(redisPort)
          .bind("127.0.0.1")
          .setting("dir " + root.resolve("redis"))
          .setting("appendonly yes")
          .setting("save \"\"")
          .build();
      redis.start();
    } catch (RuntimeException e) {
      try {
        postgres.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw new IllegalStateException("cannot start the embedded Redis", e);
    }
    int smtpPort = isFree(wantedSmtpPort) ? wantedSmtpPort : freePort();
    if (smtpPort != wantedSmtpPort) {
      log.info("port {} is taken; the fake SMTP server uses {}", wantedSmtpPort, smtpPort);
    }
    return new DevServices(root, postgres, redis, redisPort, smtpPort, key, secret);
  }

  /** Settings that point the service at these services; real variables still win. */
  public Map<String, String> environment() {
    return Map.ofEntries(
        Map.entry("HTTP_HOST", "127.0.0.1"),
        Map.entry("DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres")),
        Map.entry("DATABASE_USER", "postgres"),
        Map.entry("DATABASE_PASSWORD", ""),
        Map.entry("REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0"),
        Map.entry("SMTP_HOST", "127.0.0.1"),
        Map.entry("SMTP_PORT", Integer.toString(smtpPort)),
        Map.entry("FAKE_MAIL_ENABLED", "true"),
        Map.entry("ADMIN_CONSOLE_ENABLED", "true"),
        // Receivers on this machine, over plain http: what a developer tries webhooks with.
        Map.entry("WEBHOOK_ALLOW_HTTP", "true"),
        Map.entry("WEBHOOK_ALLOW_PRIVATE", "true"),
        Map.entry("FAKE_SMTP_PORT", Integer.toString(smtpPort)),
        Map.entry("JWT_PRIVATE_KEY_FILE", signingKey.toString()),
        Map.entry("SECRET_KEY_FILE", secretKey.toString()));
  }

  /** What start-dev prints once the service is ready. */
  public String banner(int httpPort, int managementPort) {
    String base = "http://127.0.0.1:" + httpPort;
    String management = "http://127.0.0.1:" + managementPort;
    return """

        ================================================================
         user-service is running (dev mode)
           API        %s
           API docs   %s/docs
           Console    %s/admin   (sign in as the administrator)
           Fake mail  %s/fake-mail   (SMTP on 127.0.0.1:%d)
           Management %s/health/ready, %s/metrics
           Data       %s
                      (kept across restarts; wipe with start-dev --fresh)
         Stop with Ctrl+C.
        ================================================================

        """.formatted(base, base, base, base, smtpPort, management, management, dataDir);
  }

  @Override
  public void close() {
    try {
      redis.stop();
    } catch (RuntimeException e) {
      log.warn("while stopping the embedded Redis: {}", e.toString());
    }
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("while stopping the embedded PostgreSQL: {}", e.toString());
    }
  }

  /**
   * Starts PostgreSQL 15 from zonky's binaries with its data in {@code dataDir}, kept across
   * restarts. PostgreSQL refuses to run as root; as root, zonky runs it in a user namespace
   * where it is {@code nobody} ({@code unshare -U} must be allowed).
   */
  private static EmbeddedPostgres startPostgres(Path dataDir) {
    try {
      return EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          // Stopped by close(), after the service that uses it, not by a racing JVM hook.
          .setRegisterShutdownHook(false)
          .setPort(freePort())
          .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return probe.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
            throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe " + root, e);
    }
  }
}
