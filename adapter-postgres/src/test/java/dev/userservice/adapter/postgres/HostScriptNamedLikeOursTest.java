package dev.userservice.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A host whose own history in {@code public} records a script named as our first one is not a
 * deployment of the old layout: the move recognizes our scripts by their content (Flyway's
 * checksum) too, so the host's {@code users} table and history stay where they are.
 */
class HostScriptNamedLikeOursTest {

  @Test
  void aHostsV1UsersSql_isNotTakenForOurs() {
    try (ScratchDatabase scratch = new ScratchDatabase()) {
      Flyway host = Flyway.configure().dataSource(scratch.dataSource)
          .locations("classpath:db/host-named-like-ours").load();
      host.migrate();

      PostgresDatabase.using(scratch.dataSource).migrate();

      DSLContext db = DSL.using(scratch.dataSource, SQLDialect.POSTGRES);
      assertThat(db.fetch("SELECT id, login FROM public.users").intoMaps())
          .containsExactly(Map.of("id", 1L, "login", "host-user"));
      assertThat(db.fetch("SELECT script FROM public.flyway_schema_history")
          .getValues(0, String.class)).containsExactly("V1__users.sql");
      assertThat(db.fetchExists(DSL.table(DSL.name("pg_tables")),
          DSL.field(DSL.name("schemaname")).eq("user_service")
              .and(DSL.field(DSL.name("tablename")).eq("users")))).isTrue();
      assertThat(host.validateWithResult().validationSuccessful).isTrue();
    }
  }

  @Test
  void flywayChecksum_isTheOneFlywayRecords() {
    try (ScratchDatabase scratch = new ScratchDatabase()) {
      PostgresDatabase.using(scratch.dataSource).migrate();

      DSLContext db = DSL.using(scratch.dataSource, SQLDialect.POSTGRES);
      Integer recorded = db.fetchOne("SELECT checksum FROM user_service.user_service_schema_history"
          + " WHERE script = 'V1__users.sql'").get(0, Integer.class);
      assertThat(Migrations.flywayChecksum(Migrations.class.getClassLoader()
          .getResource(Migrations.LOCATION + "/V1__users.sql"))).isEqualTo(recorded);
    }
  }
}
