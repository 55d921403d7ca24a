package dev.userservice.adapter.postgres;

import java.util.Objects;

/**
 * Where the database is and how many connections to keep.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/users}
 * @param user the database role
 * @param password its password; may be empty (trust or peer authentication)
 * @param poolSize the maximum number of pooled connections
 */
public record PostgresSettings(String jdbcUrl, String user, String password, int poolSize) {

  public PostgresSettings {
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
    return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
  }
}
