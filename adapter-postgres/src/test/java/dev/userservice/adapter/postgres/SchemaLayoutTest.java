package dev.userservice.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Email;
import dev.userservice.domain.User;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The service's tables in a schema of their own, beside a host's, and the move from public. */
class SchemaLayoutTest {

  private static final List<String> OUR_TABLES =
      List.of("audit_events", "mail_outbox", "oauth_clients", "users");

  @Test
  @DisplayName("a host's own users table and flyway_schema_history in public are untouched by our migrations, and theirs never run ours")
  void aHostsOwnUsersTableAndMigrations_areUntouched() {
    try (ScratchDatabase scratch = new ScratchDatabase()) {
      Flyway host = Flyway.configure().dataSource(scratch.dataSource).load(); // db/migration
      host.migrate();

      PostgresDatabase.using(scratch.dataSource).migrate();

      DSLContext db = DSL.using(scratch.dataSource, org.jooq.SQLDialect.POSTGRES);
      assertThat(db.fetch("SELECT id, login FROM public.users").intoMaps())
          .containsExactly(java.util.Map.of("id", 1L, "login", "host-user"));
      assertThat(db.fetch("SELECT script FROM public.flyway_schema_history").getValues(0, String.class))
          .containsExactly("V1__host_users.sql");
      assertThat(tables(db, "public")).containsExactly("flyway_schema_history", "users");
      assertThat(tables(db, "user_service")).containsAll(OUR_TABLES)
          .contains("user_service_schema_history");
      assertThat(host.validateWithResult().validationSuccessful).isTrue();
      assertThat(host.info().pending()).isEmpty();
    }
  }

  @Test
  @DisplayName("a deployment of the old layout (tables and history in public) moves into the schema once, with its data, and the migrations it lacked run there")
  void anOldDeploymentInPublic_movesOnce() {
    try (ScratchDatabase scratch = new ScratchDatabase()) {
      Flyway.configure().dataSource(scratch.dataSource)
          .locations("classpath:" + Migrations.LOCATION).target("6").load().migrate();
      DSLContext db = DSL.using(scratch.dataSource, org.jooq.SQLDialect.POSTGRES);
      db.execute("INSERT INTO public.users (id, email, password_hash, role, created_at,"
          + " updated_at) VALUES (gen_random_uuid(), 'old@example.com', ?, 'USER', now(), now())",
          "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g");
      db.execute("INSERT INTO public.mail_outbox (recipient, subject, next_attempt_at,"
          + " created_at) VALUES ('old@example.com', 's', now(), now())");

      PostgresDatabase database = PostgresDatabase.using(scratch.dataSource, "accounts");
      database.migrate();
      database.migrate();

      assertThat(tables(db, "public")).isEmpty();
      assertThat(tables(db, "accounts")).containsAll(OUR_TABLES)
          .contains(Migrations.HISTORY_TABLE);
      assertThat(db.fetch("SELECT version FROM accounts.user_service_schema_history"
          + " WHERE success ORDER BY installed_rank").getValues(0, String.class))
          .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "12");
      User old = new JooqUserRepository(database.dsl(), TestDatabase.totpBox())
          .findByEmail(new Email("old@example.com")).orElseThrow();
      assertThat(old.locale().value()).as("V7 ran after the move").isEqualTo("en");
      assertThat(tables(db, "accounts")).as("V8 ran after the move").contains("webhook_endpoints");
      assertThat(db.fetchValue("INSERT INTO accounts.mail_outbox (recipient, subject,"
          + " next_attempt_at, created_at) VALUES ('b@example.com', 's', now(), now())"
          + " RETURNING id", Long.class)).as("the id sequence moved along").isEqualTo(2L);
      assertThat(Migrations.moveLegacyLayout(scratch.dataSource, "accounts")).isFalse();
    }
  }

  @Test
  @DisplayName("an old deployment at the latest migration moves too: its trigger's function follows its tables")
  void anOldDeploymentWithEveryMigration_movesItsTriggerFunctionToo() {
    try (ScratchDatabase scratch = new ScratchDatabase()) {
      Flyway.configure().dataSource(scratch.dataSource)
          .locations("classpath:" + Migrations.LOCATION).load().migrate();

      PostgresDatabase.using(scratch.dataSource).migrate();

      DSLContext db = DSL.using(scratch.dataSource, org.jooq.SQLDialect.POSTGRES);
      assertThat(tables(db, "public")).isEmpty();
      assertThat(db.fetchValue("SELECT pronamespace::regnamespace::text FROM pg_proc"
          + " WHERE proname = 'webhook_deliveries_fan_out'", String.class))
          .isEqualTo("user_service");
      // The trigger runs on a connection whose search path knows nothing of the schema.
      db.execute("INSERT INTO user_service.audit_events (occurred_at, type, actor_kind, details)"
          + " VALUES (now(), 'registered', 'system', '{}')");
      assertThat(db.fetchValue("SELECT count(*) FROM user_service.audit_events", Long.class))
          .isEqualTo(1L);
    }
  }

  @Test
  @DisplayName("two deployments in one database, each in its schema: the second finds pg_trgm in the first's")
  void twoDeploymentsInOneDatabase() {
    try (ScratchDatabase scratch = new ScratchDatabase()) {
      PostgresDatabase.using(scratch.dataSource, "first").migrate();
      PostgresDatabase second = PostgresDatabase.using(scratch.dataSource, "second");
      second.migrate();

      DSLContext db = DSL.using(scratch.dataSource, org.jooq.SQLDialect.POSTGRES);
      assertThat(tables(db, "second")).containsAll(OUR_TABLES);
      assertThat(new JooqUserRepository(second.dsl(), TestDatabase.totpBox()).findByEmail(new Email("a@example.com")))
          .isEmpty();
    }
  }

  @Test
  void aSchemaTheServiceCannotOwn_isRefused() {
    for (String schema : List.of("public", "pg_catalog", "information_schema", "Users", "a-b",
        "")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PostgresSettings(
          "jdbc:postgresql://db/users", "u", "", 2, schema))
          .as(schema).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static List<String> tables(DSLContext db, String schema) {
    return db.fetch("SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY 1", schema)
        .getValues(0, String.class);
  }
}
