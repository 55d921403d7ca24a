package dev.userservice.adapter.postgres;

import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An empty database of its own on the test server, for tests of the migrations; dropped on
 * {@link #close()}. Its data source has no {@code currentSchema}: names resolve as in a host
 * application that never heard of the service's schema.
 */
final class ScratchDatabase implements AutoCloseable {

  final String name = "scratch_" + UUID.randomUUID().toString().replace("-", "");
  final PGSimpleDataSource dataSource = new PGSimpleDataSource();

  ScratchDatabase() {
    TestDatabase.get().dsl().execute("CREATE DATABASE " + name);
    PostgresSettings shared = TestDatabase.settings();
    dataSource.setUrl(shared.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1")
        .replaceFirst("[?&]currentSchema=[^&]*", ""));
    dataSource.setUser(shared.user());
    dataSource.setPassword(shared.password());
  }

  @Override
  public void close() {
    TestDatabase.get().dsl().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
