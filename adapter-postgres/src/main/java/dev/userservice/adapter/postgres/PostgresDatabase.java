package dev.userservice.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.userservice.adapter.postgres.jooq.UserService;
import dev.userservice.domain.UnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The service's database: the schema migrations, the one {@link DSLContext} the repositories
 * share, and a readiness check; over a connection pool of its own ({@link
 * #PostgresDatabase(PostgresSettings, MeterRegistry)}) or over the host application's
 * {@link DataSource} or jOOQ context ({@link #using(DataSource)}, {@link #using(DSLContext)}).
 * With its own pool every wait is bounded: getting a connection (2 s), validating it (1 s),
 * connecting (2 s), a statement (5 s on the server) and a socket read (10 s), so an outage
 * becomes an {@link UnavailableException} within seconds instead of a hang; a host's pool keeps
 * the host's bounds.
 *
 * <p>The tables live in a schema of the service's own ({@value PostgresSettings#DEFAULT_SCHEMA}
 * unless named otherwise), which {@link #migrate()} creates; every statement names it, so the
 * connections' {@code search_path} does not matter.
 */
public final class PostgresDatabase implements AutoCloseable {

  static final long CONNECTION_TIMEOUT_MS = 2_000;
  static final long VALIDATION_TIMEOUT_MS = 1_000;
  static final int STATEMENT_TIMEOUT_MS = 5_000;
  static final int SOCKET_TIMEOUT_S = 10;

  private final String schema;
  private final DataSource dataSource;
  // The pool this object built and closes; null over a host's data source.
  private final HikariDataSource ownPool;
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
    this.schema = settings.schema();
    this.ownPool = new HikariDataSource(config);
    this.dataSource = ownPool;
    this.dsl = DSL.using(ownPool, SQLDialect.POSTGRES, jooqSettings(schema));
  }

  private PostgresDatabase(String schema, DataSource dataSource, DSLContext dsl) {
    this.schema = schema;
    this.dataSource = dataSource;
    this.ownPool = null;
    this.dsl = dsl;
  }

  /**
   * The service's database over the host application's {@code dataSource} (a pool of
   * PostgreSQL connections). The host owns the data source: {@link #close()} leaves it open.
   * Every port method takes a connection for one statement or transaction and gives it back,
   * and a job lock ({@link PostgresJobLock}) holds one more while its job runs. Bound the
   * pool's connection wait and the statements (e.g. {@code options=-c statement_timeout=5000}
   * in the JDBC URL) as the service does, or an outage waits as long as the pool lets it.
   */
  public static PostgresDatabase using(DataSource dataSource) {
    return using(dataSource, PostgresSettings.DEFAULT_SCHEMA);
  }

  /** As {@link #using(DataSource)}, with the tables in {@code schema}. */
  public static PostgresDatabase using(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    Migrations.checkedSchema(schema);
    return new PostgresDatabase(schema, dataSource,
        DSL.using(dataSource, SQLDialect.POSTGRES, jooqSettings(schema)));
  }

  /**
   * The service's database over the host application's jOOQ context: its connection provider,
   * transaction provider and listeners, with this adapter's dialect and settings (a derived
   * configuration; the host's {@code dsl} is not changed). The host owns the connections:
   * {@link #close()} closes nothing. {@link #migrate()} needs a {@link DataSource}; use
   * {@link #using(DataSource)} where the migrations should run too.
   */
  public static PostgresDatabase using(DSLContext dsl) {
    return using(dsl, PostgresSettings.DEFAULT_SCHEMA);
  }

  /** As {@link #using(DSLContext)}, with the tables in {@code schema}. */
  public static PostgresDatabase using(DSLContext dsl, String schema) {
    Objects.requireNonNull(dsl, "dsl");
    Migrations.checkedSchema(schema);
    return new PostgresDatabase(schema, null, dsl.configuration().derive(SQLDialect.POSTGRES)
        .derive(jooqSettings(schema)).dsl());
  }

  /** How jOOQ runs the repositories' statements, on the tables in {@code schema}. */
  static Settings jooqSettings(String schema) {
    // Execute logging wraps every statement in a listener that only writes at DEBUG. Timestamps
    // go through JDBC as OffsetDateTime: by default jOOQ reads them as text and parses that, and
    // the driver, which receives them in binary, first formats them for it: three per user read
    // (docs/performance.md, "Timestamps read as OffsetDateTime").
    return new Settings().withExecuteLogging(false).withBindOffsetDateTimeType(true)
        .withRenderMapping(new RenderMapping().withSchemata(new MappedSchema()
            .withInput(UserService.USER_SERVICE.getName()).withOutput(schema)));
  }

  /**
   * Creates the schema when missing and applies the pending migrations of
   * {@code db/user-service/migration}, recording them in the schema's
   * {@code user_service_schema_history}; a deployment whose tables are still in {@code public}
   * (releases before the schema of its own) is moved into the schema first, once. Safe to call
   * from several instances at once (the move takes an advisory lock, Flyway a lock of its own).
   * The database role needs the right to create the schema (or the schema must exist, owned by
   * it).
   *
   * @throws UnavailableException when the database cannot be reached
   */
  public void migrate() {
    if (dataSource == null) {
      throw new IllegalStateException("a database made from a DSLContext cannot migrate: use"
          + " PostgresDatabase.using(DataSource), or run the migrations with Flyway yourself");
    }
    try {
      Migrations.moveLegacyLayout(dataSource, schema);
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:" + Migrations.LOCATION)
          .schemas(schema)
          .defaultSchema(schema)
          .createSchemas(true)
          .table(Migrations.HISTORY_TABLE)
          .initSql(Migrations.TRGM_ON_SEARCH_PATH)
          .load()
          .migrate();
    } catch (FlywayException e) {
      if (DatabaseErrors.isOutage(e)) {
        throw new UnavailableException(DatabaseErrors.DEPENDENCY, e);
      }
      throw e;
    } catch (DataAccessException e) {
      throw DatabaseErrors.translate(e);
    }
  }

  /** The schema of the service's tables. */
  public String schema() {
    return schema;
  }

  /** The context the repositories run their statements on. */
  public DSLContext dsl() {
    return dsl;
  }

  /** A lock that keeps each periodic job to one instance at a time across this database. */
  public PostgresJobLock jobLock() {
    return new PostgresJobLock(dsl);
  }

  /** Whether a connection can be had and answers within the validation timeout (readiness). */
  public boolean isReachable() {
    try {
      return dsl.connectionResult(connection ->
          connection.isValid((int) Math.max(1, VALIDATION_TIMEOUT_MS / 1000)));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Closes the pool this object built (in-flight statements finish first); a host's data source
   * or context stays open.
   */
  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.close();
    }
  }
}
