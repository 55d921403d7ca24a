package dev.userservice.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Email;
import dev.userservice.domain.PasswordHash;
import dev.userservice.domain.Role;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PostgresDatabaseTest {

  private static final String SCRATCH = "migration_" + UUID.randomUUID().toString().replace("-", "");
  private static PostgresDatabase scratch;

  @BeforeAll
  static void createEmptyDatabase() {
    TestDatabase.get().dsl().execute("CREATE DATABASE " + SCRATCH);
    PostgresSettings shared = TestDatabase.settings();
    String url = shared.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + SCRATCH + "$1");
    scratch = new PostgresDatabase(
        new PostgresSettings(url, shared.user(), shared.password(), 3));
  }

  @AfterAll
  static void dropIt() {
    scratch.close();
    TestDatabase.get().dsl().execute("DROP DATABASE IF EXISTS " + SCRATCH + " WITH (FORCE)");
  }

  @Test
  @DisplayName("migrate() builds the whole schema on an empty database, and a second run does nothing")
  void migratesFromEmpty() {
    scratch.migrate();
    scratch.migrate();

    List<String> versions = scratch.dsl()
        .fetch("SELECT version FROM user_service.user_service_schema_history"
            + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")
        .getValues(0, String.class);
    assertThat(versions)
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "12");
    List<String> indexes = scratch.dsl()
        .fetch("SELECT indexname FROM pg_indexes WHERE schemaname = 'user_service' ORDER BY 1")
        .getValues(0, String.class);
    assertThat(indexes).contains("users_pkey", "users_email_key", "users_created_at_id_idx",
        "users_admins_created_at_id_idx", "users_unverified_created_at_id_idx",
        "users_disabled_created_at_id_idx",
        "users_never_verified_created_at_idx", "users_email_trgm_idx", "mail_outbox_pkey",
        "mail_outbox_due_idx", "mail_outbox_finished_idx", "audit_events_pkey",
        "audit_events_occurred_at_id_idx", "audit_events_user_id_idx",
        "audit_events_actor_id_idx", "oauth_clients_pkey", "oauth_clients_created_at_id_idx",
        "webhook_endpoints_pkey", "webhook_deliveries_pkey",
        "webhook_deliveries_endpoint_idx", "webhook_deliveries_event_idx",
        "webhook_deliveries_due_idx", "webhook_deliveries_order_idx");
    List<String> constraints = scratch.dsl()
        .fetch("SELECT conname FROM pg_constraint WHERE connamespace = 'user_service'::regnamespace")
        .getValues(0, String.class);
    assertThat(constraints).contains("users_pkey", "users_email_key", "users_role_check",
        "users_status_check", "users_status_reason_check", "users_totp_check",
        "users_invitation_check", "users_metadata_check", "users_app_metadata_check",
        "users_verified_check", "mail_outbox_status_check", "mail_outbox_attempts_check",
        "mail_outbox_finished_check", "mail_outbox_finished_blank_check",
        "audit_events_actor_kind_check", "audit_events_actor_check", "oauth_clients_id_check",
        "webhook_deliveries_endpoint_fkey", "webhook_deliveries_event_fkey",
        "webhook_deliveries_status_check", "webhook_deliveries_attempts_check");
    assertThat(scratch.dsl().fetchValue("SELECT count(*) FROM pg_trigger"
        + " WHERE tgname = 'audit_events_webhooks' AND NOT tgisinternal", Long.class))
        .isEqualTo(1L);
    assertThat(scratch.dsl().fetchValue(
        "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'", Long.class)).isEqualTo(1L);
  }

  @Test
  void aReachableDatabase_isReachable() {
    assertThat(scratch.isReachable()).isTrue();
  }

  @Test
  @DisplayName("over a host's DataSource: the repositories work, and close() leaves the host's pool open")
  void overAHostsDataSource_closeLeavesItOpen() throws Exception {
    PostgresSettings shared = TestDatabase.settings();
    org.postgresql.ds.PGSimpleDataSource host = new org.postgresql.ds.PGSimpleDataSource();
    host.setUrl(shared.jdbcUrl());
    host.setUser(shared.user());
    host.setPassword(shared.password());
    TestDatabase.get();

    try (PostgresDatabase database = PostgresDatabase.using(host)) {
      database.migrate();
      JooqUserRepository users = new JooqUserRepository(database.dsl(), TestDatabase.totpBox());
      assertThat(users.findById(new UserId(UUID.randomUUID()))).isEmpty();
      assertThat(database.isReachable()).isTrue();
      assertThat(database.jobLock().runExclusively("purge", () -> { })).isTrue();
    }
    try (java.sql.Connection connection = host.getConnection()) {
      assertThat(connection.isValid(1)).isTrue();
    }
  }

  @Test
  @DisplayName("over a host's DSLContext: the repositories run on its connections; migrate() says it needs a DataSource")
  void overAHostsDslContext() {
    TestDatabase.get();
    try (org.jooq.CloseableDSLContext host = org.jooq.impl.DSL.using(
            TestDatabase.settings().jdbcUrl(), TestDatabase.settings().user(),
            TestDatabase.settings().password());
        PostgresDatabase database = PostgresDatabase.using(host)) {
      JooqUserRepository users = new JooqUserRepository(database.dsl(), TestDatabase.totpBox());
      assertThat(users.findById(new UserId(UUID.randomUUID()))).isEmpty();
      assertThatThrownBy(database::migrate).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("DataSource");
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a guard against hanging, not a performance bound
  @DisplayName("with nothing listening, each call fails with UnavailableException(database) after the 2 s pool timeout instead of hanging")
  void aDatabaseThatIsDown_isUnavailable_notAHang() throws Exception {
    int closedPort = closedPort();
    try (PostgresDatabase down = new PostgresDatabase(new PostgresSettings(
        "jdbc:postgresql://127.0.0.1:" + closedPort + "/users", "postgres", "", 2))) {
      JooqUserRepository users = new JooqUserRepository(down.dsl(), TestDatabase.totpBox());
      JooqMailOutbox outbox = new JooqMailOutbox(down.dsl(), TestDatabase.outboxBox());

      assertThat(down.isReachable()).isFalse();
      assertThatThrownBy(() -> users.findById(new UserId(UUID.randomUUID())))
          .isInstanceOfSatisfying(UnavailableException.class,
              e -> assertThat(e.dependency()).isEqualTo("database"));
      assertThatThrownBy(outbox::pending).isInstanceOf(UnavailableException.class);
      assertThatThrownBy(() -> down.jobLock().runExclusively("purge", () -> { }))
          .isInstanceOf(UnavailableException.class);
      assertThatThrownBy(down::migrate).isInstanceOf(UnavailableException.class);
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // a guard against hanging, not a performance bound
  @DisplayName("with nothing listening, a write in a transaction waits for the pool once, not again to roll back")
  void aTransactionOnADatabaseThatIsDown_asksThePoolOnce() throws Exception {
    int closedPort = closedPort();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PostgresDatabase down = new PostgresDatabase(new PostgresSettings(
        "jdbc:postgresql://127.0.0.1:" + closedPort + "/users", "postgres", "", 2), registry)) {
      JooqUserRepository users = new JooqUserRepository(down.dsl(), TestDatabase.totpBox());
      User user = User.register(new UserId(UUID.randomUUID()), new Email("down@mail.test"), null,
          null, new PasswordHash("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"), Role.USER,
          Instant.now());

      assertThatThrownBy(() -> users.insert(user, List.of(new UserEvent.Registered(
          UserEvent.Meta.bySelf(Instant.now(), user.id(), null, null), user.email()))))
          .isInstanceOf(UnavailableException.class);
      assertThat(registry.get("hikaricp.connections.timeout").counter().count())
          .as("connection requests that timed out").isEqualTo(1.0);
    }
  }

  /** A loopback port nothing listens on (it was free a moment ago). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
