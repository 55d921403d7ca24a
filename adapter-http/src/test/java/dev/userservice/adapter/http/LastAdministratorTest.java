package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.http.TestApi.Account;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An API whose only administrator tries to remove the last administrator. */
class LastAdministratorTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();
  private static Account admin;

  @BeforeAll
  static void start() {
    admin = app.admin();
  }

  @Test
  void theLastAdministrator_cannotBeDeleted() {
    assertThat(app.send("DELETE", "/users/" + admin.id(), admin.accessToken(), null).status())
        .isEqualTo(409);
  }

  @Test
  void theLastAdministrator_cannotBeDemoted() {
    assertThat(app.send("PATCH", "/users/" + admin.id(), admin.accessToken(),
        app.jsonOf("role", "USER")).status()).isEqualTo(409);
    assertThat(app.get("/users/me", admin.accessToken()).json().get("role").asText())
        .isEqualTo("ADMIN");
  }

  @Test
  void theLastAdministrator_cannotBeDisabled_norDeleteThemselves() {
    assertThat(app.send("PATCH", "/users/" + admin.id(), admin.accessToken(),
        app.jsonOf("status", "disabled")).status()).isEqualTo(409);
    assertThat(app.send("DELETE", "/users/me", admin.accessToken(),
        app.jsonOf("current_password", TestApi.PASSWORD)).status()).isEqualTo(409);
    assertThat(app.get("/users/me", admin.accessToken()).json().get("status").asText())
        .isEqualTo("active");
  }

  @Test
  void anEditBasedOnAStaleVersion_is409() {
    Account user = app.user();

    assertThat(app.send("PATCH", "/users/" + user.id(), admin.accessToken(),
        app.jsonOf("first_name", "Stale", "version", 42)).status()).isEqualTo(409);
  }
}
