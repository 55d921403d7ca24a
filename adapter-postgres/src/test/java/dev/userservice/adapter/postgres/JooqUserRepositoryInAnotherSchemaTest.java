package dev.userservice.adapter.postgres;

import dev.userservice.domain.port.UserRepository;
import dev.userservice.domain.port.UserRepositoryContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The {@link UserRepository} contract with the tables in a schema other than the generated
 * code's, over connections whose search path does not include it: every statement, the ones
 * rendered once included, must name the schema the application chose.
 */
class JooqUserRepositoryInAnotherSchemaTest extends UserRepositoryContract {

  private static ScratchDatabase scratch;
  private static PostgresDatabase database;

  @Override
  protected UserRepository newRepository() {
    synchronized (JooqUserRepositoryInAnotherSchemaTest.class) {
      if (database == null) {
        scratch = new ScratchDatabase();
        database = PostgresDatabase.using(scratch.dataSource, "accounts_embedded");
        database.migrate();
      }
    }
    database.dsl().execute(
        "TRUNCATE accounts_embedded.users, accounts_embedded.audit_events CASCADE");
    return new JooqUserRepository(database.dsl(), TestDatabase.totpBox());
  }

  @AfterAll
  static void dropIt() {
    if (scratch != null) {
      scratch.close();
      scratch = null;
      database = null;
    }
  }
}
