package dev.userservice.examples.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.spring.TestHttp;
import dev.userservice.spring.TestHttp.Reply;
import dev.userservice.spring.TestInfrastructure;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop with the starter, on real PostgreSQL, Redis and SMTP: a customer registers through our
 * routes, reads the code from the letter, verifies, logs in and calls the shop's own endpoint with
 * our token, which stops working at once after logout everywhere. The shop had its tables before
 * it added the starter; its {@code users} table and its migrations are as it left them, ours in a
 * schema of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationTest {

  private static final String EMAIL = "grace@example.com";
  private static final String PASSWORD = "a long and unusual passphrase";

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry);
  }

  /**
   * The shop as it was before it added the starter: its own migrations applied, recorded in
   * {@code public.flyway_schema_history}. Its first script is named as ours is
   * ({@code V1__users.sql}), as many an application's is.
   */
  @BeforeAll
  static void theShopRanBeforeTheStarter() {
    Map<String, String> settings = TestInfrastructure.properties();
    Flyway.configure()
        .dataSource(settings.get("spring.datasource.url"),
            settings.get("spring.datasource.username"), settings.get("spring.datasource.password"))
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  @LocalServerPort
  int port;

  @Autowired
  JdbcClient jdbc;

  @Test
  void aCustomerRegisters_verifies_logsIn_andCallsTheShopsEndpoint_withOurToken() {
    Reply registered = send("POST", "/users", null,
        Map.of("email", EMAIL, "password", PASSWORD, "first_name", "Grace"));
    assertThat(registered.status()).as("%s", registered.body()).isEqualTo(201);

    Reply login = send("POST", "/security/login", null,
        Map.of("email", EMAIL, "password", PASSWORD));
    assertThat(login.status()).isEqualTo(200);
    String token = login.body().get("access_token").asText();

    String code = TestInfrastructure.awaitCode(EMAIL, 1);
    Reply verified = send("POST", "/users/me/verification", token, Map.of("code", code));
    assertThat(verified.status()).as("%s", verified.body()).isEqualTo(200);
    assertThat(verified.body().get("email_verified").asBoolean()).isTrue();

    Reply account = send("GET", "/api/account", token, null);
    assertThat(account.status()).isEqualTo(200);
    assertThat(account.body().get("user_id").asText())
        .isEqualTo(registered.body().get("id").asText());
    assertThat(account.body().get("email").asText()).isEqualTo(EMAIL);
    assertThat(account.body().get("shop_users").asLong()).isEqualTo(1);

    assertThat(send("GET", "/api/admin/report", token, null).status())
        .as("a user is not an administrator").isEqualTo(403);
    assertThat(send("GET", "/api/account", null, null).status()).isEqualTo(401);
    Reply forged = send("GET", "/api/account", "not.a.token", null);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.header("WWW-Authenticate")).contains("invalid_token");

    assertThat(send("POST", "/security/logout-all", token, null).status()).isEqualTo(204);
    assertThat(send("GET", "/api/account", token, null).status())
        .as("the session ended, so the unexpired token is refused at once").isEqualTo(401);
  }

  @Test
  void theShopsUsersTable_andItsMigrations_areUntouched_oursLiveInTheirOwnSchema() {
    assertThat(jdbc.sql("SELECT login, display_name FROM public.users").query().listOfRows())
        .containsExactly(Map.of("login", "legacy", "display_name", "A customer from before"));
    assertThat(jdbc.sql("SELECT column_name FROM information_schema.columns"
            + " WHERE table_schema = 'public' AND table_name = 'users' ORDER BY ordinal_position")
        .query(String.class).list())
        .containsExactly("id", "login", "display_name");
    assertThat(jdbc.sql("SELECT version FROM public.flyway_schema_history"
            + " WHERE version IS NOT NULL ORDER BY installed_rank")
        .query(String.class).list())
        .containsExactly("1", "2");
    assertThat(jdbc.sql("SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = 'public' ORDER BY table_name")
        .query(String.class).list())
        .containsExactly("flyway_schema_history", "orders", "users");
    List<String> ours = jdbc.sql("SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = 'user_service'")
        .query(String.class).list();
    assertThat(ours).contains("users");
  }

  private Reply send(String method, String path, String token, Object body) {
    return new TestHttp(port).json(method, path, token, body);
  }
}
