package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.http.RouteSamples.Sample;
import dev.userservice.adapter.http.RouteSamples.Accounts;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17, finding 14: {@code HEAD} on a protected route answered 200 without a token, because
 * Javalin answers HEAD itself wherever a GET route exists, before any access check. HEAD must get
 * exactly the status GET gets, for every GET route, and never a body.
 */
class HeadRequestsTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();
  private static Accounts accounts;

  @BeforeAll
  static void start() {
    accounts = Accounts.create(app);
  }

  @Test
  void finding14_headOnProtectedRoutes_isAuthenticatedLikeGet() {
    List<HttpApi.Route> protectedReads = app.api.routes().stream()
        .filter(route -> route.method().equals("GET") && route.access() != Access.ANYONE)
        .toList();
    assertThat(protectedReads).extracting(HttpApi.Route::path)
        .contains("/users", "/users/count", "/users/me", "/users/{id}");

    SoftAssertions soft = new SoftAssertions();
    for (HttpApi.Route route : protectedReads) {
      String path = sample(route);
      for (String token : new String[] {null, "not-a-token"}) {
        Reply head = app.send("HEAD", path, token, null);
        soft.assertThat(head.status()).as("HEAD %s with token %s", path, token).isEqualTo(401);
        soft.assertThat(head.body()).as("HEAD %s body", path).isEmpty();
      }
      if (route.access() == Access.ADMIN) {
        soft.assertThat(app.send("HEAD", path, accounts.user().accessToken(), null).status())
            .as("HEAD %s as a user", path).isEqualTo(403);
      }
      Account allowed = route.access() == Access.ADMIN ? accounts.admin() : accounts.user();
      Reply head = app.send("HEAD", path, allowed.accessToken(), null);
      soft.assertThat(head.status()).as("HEAD %s as %s", path, route.access())
          .isEqualTo(app.send("GET", path, allowed.accessToken(), null).status())
          .isEqualTo(200);
      soft.assertThat(head.body()).as("HEAD %s body", path).isEmpty();
    }
    soft.assertAll();
  }

  @Test
  void finding14_headRunsTheGetHandler_soAnUnknownIdIsNotFoundAndAnotherUsersIsForbidden() {
    assertThat(app.send("HEAD", "/users/" + UUID.randomUUID(), accounts.admin().accessToken(), null)
        .status()).isEqualTo(404);
    assertThat(app.send("HEAD", "/users/" + accounts.other().id(), accounts.user().accessToken(), null)
        .status()).isEqualTo(403);
  }

  @Test
  void headOnPublicRoutes_stillAnswers() {
    for (String path : List.of("/.well-known/jwks.json", "/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration", "/openapi.json")) {
      Reply head = app.send("HEAD", path, null, null);
      assertThat(head.status()).as("HEAD %s", path).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }

  private static String sample(HttpApi.Route route) {
    Sample sample = RouteSamples.all().get(route.method() + " " + route.path())
        .apply(accounts, null);
    return sample.path();
  }
}
