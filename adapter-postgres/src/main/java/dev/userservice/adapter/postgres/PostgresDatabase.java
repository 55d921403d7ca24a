package dev.userservice.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.userservice.domain.Sha256;
import dev.userservice.domain.UnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The connection pool, the schema migrations and the one {@link DSLContext} the repositories
 * share. Every wait is bounded: getting a connection (2 s), validating it (1 s), connecting
 * (2 s), a statement (5 s on the server) and a socket read (10 s), so an outage becomes an
 * {@link UnavailableException} within seconds instead of a hang.
 */
public final class PostgresDatabase implements AutoCloseable {

  static final long CONNECTION_TIMEOUT_MS = 2_000;
  static final long VALIDATION_TIMEOUT_MS = 1_000;
  static final int STATEMENT_TIMEOUT_MS = 5_000;
  static final int SOCKET_TIMEOUT_S = 10;

  private final HikariDataSource pool;
  private final DSLContext dsl;

  /** Builds the pool; nothing is connected until the first use (see {@link #migrate()}). */
  public PostgresDatabase(PostgresSettings settings) {
    this(settings, null);
  }

  /**
   * Builds the pool, publishing its metrics ({@code hikaricp_connections_active},
   * {@code _idle}, {@code _pending}, {@code hikaricp_connections_acquire_seconds}, …) to
   * {@code registry}; {@code null} publishes none.
   */
  public PostgresDatabase(PostgresSettings settings, MeterRegistry registry) {
    Objects.requireNonNull(settings, "settings");
    HikariConfig config = new HikariConfig();
    if (registry != null) {
      config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }
    config.setPoolName("user-service-postgres");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    config.setValidationTimeout(VALIDATION_TIMEOUT_MS);
    // Start even when the database is down; each use then fails within the connection timeout.
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("connectTimeout", (int) (CONNECTION_TIMEOUT_MS / 1000));
    config.addDataSourceProperty("loginTimeout", (int) (CONNECTION_TIMEOUT_MS / 1000));
    config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_S);
    config.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT_MS);
    config.addDataSourceProperty("ApplicationName", "user-service");
    this.pool = new HikariDataSource(config);
    this.dsl = DSL.using(pool, SQLDialect.POSTGRES, jooqSettings());
  }

  /** How jOOQ runs the repositories' statements. */
  static Settings jooqSettings() {
    // Execute logging wraps every statement in a listener that only writes at DEBUG. Timestamps
    // go through JDBC as OffsetDateTime: by default jOOQ reads them as text and parses that, and
    // the driver, which receives them in binary, first formats them for it: three per user read
    // (docs/performance.md, "Timestamps read as OffsetDateTime").
    return new Settings().withExecuteLogging(false).withBindOffsetDateTimeType(true);
  }

  /**
   * Applies the pending migrations of {@code db/migration}; safe to call from several instances
   * at once (Flyway serializes them with a lock).
   *
   * @throws UnavailableException when the database cannot be reached
   */
  public void migrate() {
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      if (DatabaseErrors.isOutage(e)) {
        throw new UnavailableException(DatabaseErrors.DEPENDENCY, e);
      }
      throw e;
    }
  }

  /** The context the repositories run their statements on. */
  public DSLContext dsl() {
    return dsl;
  }

  /** The pooled data source, for tools that need plain JDBC. */
  public DataSource dataSource() {
    return pool;
  }

  /** Whether a connection can be had and answers within the validation timeout (readiness). */
  public boolean isReachable() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid((int) Math.max(1, VALIDATION_TIMEOUT_MS / 1000));
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Runs {@code job} if no other instance is running the job called {@code jobName} right now,
   * holding a transaction-level advisory lock while it runs; returns whether it ran. Meant for
   * periodic jobs (the purge) that every instance schedules but one should do. The lock lives
   * on a connection of its own while the job uses others, so the pool needs at least two.
   *
   * @throws UnavailableException when the database cannot be reached
   */
  public boolean runExclusively(String jobName, Runnable job) {
    Objects.requireNonNull(job, "job");
    long key = lockKey(jobName);
    return DatabaseErrors.translatingOutages(() -> Transactions.result(dsl, tx -> {
      Boolean locked = tx.dsl()
          .select(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class, DSL.val(key)))
          .fetchOne(0, Boolean.class);
      if (!Boolean.TRUE.equals(locked)) {
        return false;
      }
      job.run();
      return true;
    }));
  }

  /** A stable 64-bit advisory-lock key for a job name (first 8 bytes of its SHA-256). */
  static long lockKey(String jobName) {
    Objects.requireNonNull(jobName, "jobName");
    byte[] digest = Sha256.digest("user-service:" + jobName);
    long key = 0;
    for (int i = 0; i < 8; i++) {
      key = (key << 8) | (digest[i] & 0xFF);
    }
    return key;
  }

  /** Closes the pool; in-flight statements finish first. */
  @Override
  public void close() {
    pool.close();
  }
}
