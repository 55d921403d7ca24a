package dev.userservice.adapter.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * For the statements the adapter renders once with jOOQ and runs over JDBC (the hot reads and
 * inserts): their values bound as jOOQ would bind them.
 */
final class Statements {

  private Statements() {}

  /** Binds {@code values} in order; instants as the {@code timestamptz} PgJDBC takes. */
  static void bind(PreparedStatement statement, List<?> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      statement.setObject(i + 1, value instanceof Instant instant
          ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
    }
  }
}
