package dev.userservice.adapter.postgres;

import java.util.Objects;

/**
 * Where the database is and how many connections to keep.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/users}
 * @param user the database role
 * @param password its password; may be empty (trust or peer authentication)
 * @param poolSize the maximum number of pooled connections
 * @param schema the schema of the service's tables ({@value #DEFAULT_SCHEMA} by default), created
 *     by its migrations; lower-case letters, digits and underscores, not {@code public}
 */
public record PostgresSettings(String jdbcUrl, String user, String password, int poolSize,
    String schema) {

  public static final String DEFAULT_SCHEMA = Migrations.DEFAULT_SCHEMA;

  /** Settings with the tables in {@value #DEFAULT_SCHEMA}. */
  public PostgresSettings(String jdbcUrl, String user, String password, int poolSize) {
    this(jdbcUrl, user, password, poolSize, DEFAULT_SCHEMA);
  }

  public PostgresSettings {
    Migrations.checkedSchema(schema);
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    password = password == null ? "" : password;
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1: " + poolSize);
    }
  }

  @Override
  public String toString() {
    return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize
        + ", schema=" + schema + "]";
  }
}
