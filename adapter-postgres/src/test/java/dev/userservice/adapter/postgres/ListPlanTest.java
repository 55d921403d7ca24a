package dev.userservice.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Role;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.UserCursor;
import dev.userservice.domain.port.UserFilter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How PostgreSQL plans the admin list on a table of realistic size (the planner's choices depend
 * on it, so the 1,200 users of {@link JooqUserRepositoryQueriesTest} cannot show this).
 */
class ListPlanTest {

  @BeforeAll
  static void seed100kUsers() {
    TestDatabase.clean();
    // The service's statement timeout guards requests; the seed is one long statement, and on a
    // busy machine it may take longer than that.
    TestDatabase.get().dsl().transaction(seed -> {
      seed.dsl().execute("SET LOCAL statement_timeout = 0");
      seed.dsl().execute("""
        INSERT INTO users (id, email, password_hash, role, email_verified_at, ever_verified,
                           created_at, updated_at, version)
        SELECT gen_random_uuid(), 'user' || g || '@plan.test',
               '$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
               CASE WHEN g % 100 = 0 THEN 'ADMIN' ELSE 'USER' END,
               CASE WHEN g % 3 > 0 THEN c END, g % 3 > 0, c, c, 0
        FROM (SELECT g, now() - g * interval '10 minutes' AS c
              FROM generate_series(1, 100000) AS g) AS seed""");
    });
    TestDatabase.get().dsl().execute("ANALYZE users");
  }

  @AfterAll
  static void clean() {
    TestDatabase.clean();
  }

  @Test
  @DisplayName("a filtered deep page is planned once per connection, then served by the prepared statement's generic plan")
  void filteredDeepPage_reusesItsPlan() throws SQLException {
    PostgresSettings settings = TestDatabase.settings();
    try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
        settings.password())) {
      JooqUserRepository onOneConnection = new JooqUserRepository(
          DSL.using(connection, SQLDialect.POSTGRES,
              PostgresDatabase.jooqSettings(PostgresSettings.DEFAULT_SCHEMA)),
          TestDatabase.totpBox());
      var deep = TestDatabase.get().dsl().fetchSingle("SELECT created_at, id FROM users "
          + "ORDER BY created_at DESC, id DESC OFFSET 90000 LIMIT 1");
      UserCursor after = new UserCursor(deep.get(0, OffsetDateTime.class).toInstant(),
          new UserId(deep.get(1, UUID.class)));
      UserFilter verifiedUsers = new UserFilter(null, Role.USER, true, null, null);
      // The driver prepares a statement on the server from its fifth use; PostgreSQL weighs a
      // generic plan against the custom ones after five of those.
      for (int i = 0; i < 12; i++) {
        assertThat(onOneConnection.list(verifiedUsers, after, 20).items()).hasSize(20);
      }

      try (var statement = connection.createStatement();
          var plans = statement.executeQuery("SELECT generic_plans, custom_plans "
              + "FROM pg_prepared_statements WHERE statement ILIKE '%order by%'")) {
        assertThat(plans.next()).as("the page query is prepared on the server").isTrue();
        assertThat(plans.getLong("generic_plans"))
            .as("pages served by the generic plan (planned anew: %d)",
                plans.getLong("custom_plans"))
            .isGreaterThan(0);
      }
    }
  }
}
