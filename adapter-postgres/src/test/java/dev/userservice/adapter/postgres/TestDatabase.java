package dev.userservice.adapter.postgres;

import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.domain.port.SecretBox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The database the tests use, started and migrated once per JVM: the server named by
 * {@code TEST_DATABASE_URL} (+ {@code TEST_DATABASE_USER} / {@code TEST_DATABASE_PASSWORD}) when
 * set, otherwise an embedded PostgreSQL 15 (zonky).
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root, zonky 2.2.2 checks that
 * {@code unshare -U id -u} works and then runs initdb and pg_ctl inside a new user namespace,
 * where they see uid 65534 ({@code nobody}) and start; the files stay owned by root outside, so
 * no chown is needed. Where user namespaces are forbidden (Docker's default seccomp profile),
 * run the build as a non-root user instead.
 */
public final class TestDatabase {

  private static final SecretBox OUTBOX_BOX = ServerSecret.of(randomSecret()).box("mail-outbox");
  private static final SecretBox TOTP_BOX = ServerSecret.of(randomSecret()).box("totp");
  private static PostgresSettings settings;
  private static PostgresDatabase database;

  private TestDatabase() {}

  private static byte[] randomSecret() {
    byte[] secret = new byte[ServerSecret.MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  /** The box the user repositories seal one-time password secrets with: one key per JVM. */
  public static SecretBox totpBox() {
    return TOTP_BOX;
  }

  /** The box the outbox tests seal letters with: one random key per JVM. */
  public static SecretBox outboxBox() {
    return OUTBOX_BOX;
  }

  /** The shared, migrated database. */
  public static synchronized PostgresDatabase get() {
    if (database == null) {
      database = new PostgresDatabase(settings());
      try {
        database.migrate();
      } catch (RuntimeException e) {
        throw new IllegalStateException("the test database at " + settings.jdbcUrl()
            + " cannot be migrated: is it running?", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-database-close"));
    }
    return database;
  }

  /**
   * Where the shared database is. Its connections look up unqualified names in the service's
   * schema ({@code currentSchema}), for the tests' own SQL; the adapter's statements name the
   * schema themselves, which {@code JooqUserRepositoryInAnotherSchemaTest} checks on connections
   * without that setting.
   */
  public static synchronized PostgresSettings settings() {
    if (settings == null) {
      String url = System.getenv("TEST_DATABASE_URL");
      if (url != null && !url.isBlank()) {
        settings = new PostgresSettings(inOurSchema(url), envOr("TEST_DATABASE_USER", "postgres"),
            envOr("TEST_DATABASE_PASSWORD", ""), 8);
      } else {
        EmbeddedPostgres server = startEmbedded();
        settings = new PostgresSettings(inOurSchema(server.getJdbcUrl("postgres", "postgres")),
            "postgres", "", 8);
      }
    }
    return settings;
  }

  /** {@code url} with the service's schema first on the search path. */
  public static String inOurSchema(String url) {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema="
        + PostgresSettings.DEFAULT_SCHEMA;
  }

  /** Empties every table, so each test class starts from a clean state. */
  public static void clean() {
    get().dsl().execute("TRUNCATE users, mail_outbox, audit_events, oauth_clients,"
        + " webhook_endpoints, webhook_deliveries RESTART IDENTITY");
  }

  private static EmbeddedPostgres startEmbedded() {
    try {
      // Zonky stops the server and removes the data directory in its shutdown hook.
      return EmbeddedPostgres.builder().start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot start the embedded PostgreSQL (as root this needs "
          + "user namespaces: `unshare -U id` must work); or set TEST_DATABASE_URL", e);
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
