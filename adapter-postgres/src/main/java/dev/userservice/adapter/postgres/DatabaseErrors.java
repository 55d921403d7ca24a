package dev.userservice.adapter.postgres;

import dev.userservice.domain.ConflictException;
import dev.userservice.domain.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/** Turns what PostgreSQL, pgjdbc, Hikari and jOOQ throw into the domain's errors. */
final class DatabaseErrors {

  static final String DEPENDENCY = "database";
  static final String UNIQUE_VIOLATION = "23505";

  private DatabaseErrors() {}

  /**
   * Runs {@code work} and returns its result; a jOOQ error that means the database is out of
   * reach ({@link #isOutage}) is rethrown as {@link UnavailableException}, any other as it is.
   */
  static <T> T translatingOutages(Supplier<T> work) {
    try {
      return work.get();
    } catch (DataAccessException e) {
      throw translate(e);
    }
  }

  /** As {@link #translatingOutages(Supplier)}, for work without a result. */
  static void translatingOutages(Runnable work) {
    translatingOutages(() -> {
      work.run();
      return null;
    });
  }

  /** The domain error for {@code e}, or {@code e} itself when it is a plain bug. */
  static RuntimeException translate(DataAccessException e) {
    if (isOutage(e)) {
      return new UnavailableException(DEPENDENCY, e);
    }
    return e;
  }

  /** Whether {@code e} is the unique violation of the named constraint. */
  static boolean isUniqueViolation(Throwable e, String constraint) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return constraint == null || String.valueOf(sql.getMessage()).contains(constraint);
      }
    }
    return false;
  }

  static ConflictException conflict(String message) {
    return new ConflictException(message);
  }

  /**
   * Connection failures (class 08), a statement cancelled by statement_timeout (57014), the
   * server shutting down or not yet accepting (57P01-57P03), too many connections (53300) and an
   * exhausted pool (Hikari's SQLTransientConnectionException) all mean "try again later".
   */
  static boolean isOutage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.equals("57014") || state.startsWith("57P")
            || state.equals("53300")) {
          return true;
        }
      }
      if (t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
