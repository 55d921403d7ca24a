package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.AccountStatus;
import dev.userservice.domain.Role;
import dev.userservice.domain.Sha256;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditFilter;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin console's rules over HTTP: who gets in, the form tokens, the timeouts, the headers
 * and cookies, the throttle, and that it is absent unless enabled.
 */
class AdminConsoleTest {

  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
      + "connect-src 'self'";
  private static final Pattern FORM_TOKEN =
      Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"");
  private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

  @RegisterExtension
  static final TestApi app = TestApi.withConsole(HttpSettings.defaults()
      .withTrustedProxies(List.of("127.0.0.1")));

  @RegisterExtension
  static final TestApi withoutConsole = TestApi.perClass();

  /** A browser of the console: its cookies, its address, no redirects followed. */
  private static final class Browser {

    private final TestApi api;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String address;
    private String formToken;

    Browser(TestApi api, String address) {
      this.api = api;
      this.address = address;
    }

    TestApi.Reply get(String path) {
      return remember(api.sendWith("GET", path, headers(), null));
    }

    TestApi.Reply post(String path, String... fields) {
      Map<String, String> headers = headers();
      headers.put("Content-Type", "application/x-www-form-urlencoded");
      return remember(api.sendWith("POST", path, headers, TestApi.form(fields)));
    }

    /** Posts with the form token of the last page read. */
    TestApi.Reply submit(String path, String... fields) {
      String[] all = java.util.Arrays.copyOf(fields, fields.length + 2);
      all[fields.length] = "form_token";
      all[fields.length + 1] = formToken;
      return post(path, all);
    }

    TestApi.Reply signIn(String email, String password) {
      get("/admin/sign-in");
      return submit("/admin/sign-in", "email", email, "password", password);
    }

    private Map<String, String> headers() {
      Map<String, String> headers = new HashMap<>();
      headers.put("X-Forwarded-For", address);
      if (!cookies.isEmpty()) {
        headers.put("Cookie", String.join("; ", cookies.entrySet().stream()
            .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList()));
      }
      return headers;
    }

    private TestApi.Reply remember(TestApi.Reply reply) {
      for (String cookie : reply.headers().allValues("Set-Cookie")) {
        String pair = cookie.split(";", 2)[0];
        int equals = pair.indexOf('=');
        if (pair.substring(equals + 1).isEmpty()) {
          cookies.remove(pair.substring(0, equals));
        } else {
          cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
      }
      Matcher token = FORM_TOKEN.matcher(reply.body());
      if (token.find()) {
        formToken = token.group(1);
      }
      return reply;
    }
  }

  private static int addresses;

  private static Browser browser() {
    return browser(app);
  }

  private static synchronized Browser browser(TestApi api) {
    addresses++;
    return new Browser(api, "192.0.2." + (addresses % 250 + 1));
  }

  private static Browser signedIn(TestApi.Account admin) {
    Browser browser = browser();
    assertThat(browser.signIn(admin.email(), admin.password()).status()).isEqualTo(303);
    return browser;
  }

  private static List<AuditEntry> events(EventType type) {
    return app.auditTrail.list(new AuditFilter(null, null, Set.of(type), null, null), null, 100)
        .items();
  }

  @Test
  @DisplayName("disabled, /admin is a 404 like any unknown path")
  void disabled_theConsoleIsUnknown() {
    for (String path : List.of("/admin", "/admin/sign-in", "/admin/users",
        "/admin/assets/console.css")) {
      assertThat(withoutConsole.get(path, null).status()).as(path).isEqualTo(404);
    }
    assertThat(withoutConsole.sendWith("POST", "/admin/sign-in", Map.of(), "").status())
        .isIn(404, 405);
  }

  @Test
  void everyConsolePage_hasTheStrictPolicy_andIsNeverCached() {
    TestApi.Account admin = app.admin();
    Browser browser = signedIn(admin);
    for (String path : List.of("/admin/sign-in", "/admin/users", "/admin/users/" + admin.id(),
        "/admin/events", "/admin/clients", "/admin/webhooks", "/admin/users?created_from=x")) {
      TestApi.Reply page = browser.get(path);
      assertThat(page.header("Content-Security-Policy")).as(path).isEqualTo(CSP);
      assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(page.header("Cache-Control")).isEqualTo("no-store");
      assertThat(page.body()).doesNotContain("style=").doesNotContain("<style")
          .doesNotContainPattern("<script(?![^>]*\\ssrc=)");
    }
    TestApi.Reply css = browser.get("/admin/assets/console.css");
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.header("Cache-Control")).contains("max-age=31536000");
    assertThat(browser.get("/admin/assets/htmx.min.js").body()).contains("htmx");
    assertThat(browser.get("/admin/assets/other.js").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("on plain http on loopback the cookies are HttpOnly, SameSite=Strict, Path=/admin")
  void cookiesOnLoopbackHttp() {
    TestApi.Account admin = app.admin();
    Browser browser = browser();
    TestApi.Reply form = browser.get("/admin/sign-in");
    assertThat(form.header("Set-Cookie")).startsWith("admin-sign-in=")
        .contains("; Path=/admin", "; HttpOnly", "; SameSite=Strict").doesNotContain("Secure");

    TestApi.Reply signedIn = browser.submit("/admin/sign-in", "email", admin.email(),
        "password", admin.password());

    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.header("Location")).isEqualTo("/admin/users");
    assertThat(signedIn.header("Set-Cookie")).startsWith("admin-session=")
        .contains("; Path=/admin", "; HttpOnly", "; SameSite=Strict", "; Max-Age=28800");
    // The store knows the session by the hash of the cookie's id only.
    String id = signedIn.header("Set-Cookie").split(";", 2)[0].substring("admin-session=".length());
    assertThat(app.consoleSessions.use(id, Duration.ofHours(1), app.clock.now())).isEmpty();
    assertThat(app.consoleSessions.use(Sha256.hex(id), Duration.ofHours(1), app.clock.now()))
        .hasValueSatisfying(session -> assertThat(session.user()).isEqualTo(admin.id()));
    assertThat(browser.get("/admin/users").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("behind https the cookies are Secure and __Host- prefixed")
  void cookiesBehindHttps() {
    try (TestApi secure = TestApi.withConsole(HttpSettings.defaults()
        .withPublicUrl("https://users.example.com"))) {
      secure.beforeAll(null);
      TestApi.Account admin = secure.admin();
      Browser browser = browser(secure);
      TestApi.Reply form = browser.get("/admin/sign-in");
      assertThat(form.header("Set-Cookie")).startsWith("__Host-admin-sign-in=")
          .contains("; Path=/;", "; HttpOnly", "; SameSite=Strict", "; Secure");
      TestApi.Reply signedIn = browser.submit("/admin/sign-in", "email", admin.email(),
          "password", admin.password());
      assertThat(signedIn.header("Set-Cookie")).startsWith("__Host-admin-session=")
          .contains("; Secure");
      assertThat(browser.get("/admin/users").status()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("a non-admin with the right password is refused like a wrong password, recorded")
  void nonAdmin_isRefusedLikeAWrongPassword_andRecorded() {
    TestApi.Account user = app.user();
    Browser browser = browser();

    TestApi.Reply right = browser.signIn(user.email(), user.password());
    TestApi.Reply wrong = browser.signIn(user.email(), "not the password");

    assertThat(right.status()).isEqualTo(401).isEqualTo(wrong.status());
    assertThat(right.body()).contains("Wrong email or password.");
    assertThat(wrong.body()).contains("Wrong email or password.");
    assertThat(right.header("Set-Cookie")).doesNotContain("admin-session");
    assertThat(events(EventType.LOGIN_FAILED)).anySatisfy(entry -> {
      assertThat(entry.subject()).isEqualTo(user.id());
      assertThat(entry.details()).containsEntry("reason", "role_required");
    });
    assertThat(browser.get("/admin/users").status()).isEqualTo(303);
  }

  @Test
  @DisplayName("repeated failed sign-ins are throttled (429) like logins")
  void repeatedFailures_areThrottled() {
    TestApi.Account admin = app.admin();
    Browser browser = browser();
    int status = 0;
    for (int i = 0; i < 12 && status != 429; i++) {
      status = browser.signIn(admin.email(), "wrong password " + i).status();
    }
    TestApi.Reply refused = browser.signIn(admin.email(), admin.password());

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(refused.body()).contains("Too many attempts");
  }

  @Test
  @DisplayName("a form without the session's token is refused (403) and changes nothing")
  void forgedOrMissingFormToken_isRefused_andNothingChanges() {
    TestApi.Account admin = app.admin();
    TestApi.Account user = app.user();
    Browser browser = signedIn(admin);
    String page = browser.get("/admin/users/" + user.id()).body();
    Matcher version = VERSION.matcher(page);
    assertThat(version.find()).isTrue();

    TestApi.Reply forged = browser.post("/admin/users/" + user.id() + "/status",
        "status", "disabled", "version", version.group(1), "form_token", "forged");
    TestApi.Reply missing = browser.post("/admin/users/" + user.id() + "/status",
        "status", "disabled", "version", version.group(1));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(missing.status()).isEqualTo(403);
    assertThat(forged.body()).contains("Nothing was changed");
    assertThat(app.users.port().findById(user.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.ACTIVE);

    TestApi.Reply real = browser.submit("/admin/users/" + user.id() + "/status",
        "status", "disabled", "version", version.group(1), "reason", "test");
    assertThat(real.status()).isEqualTo(303);
    assertThat(app.users.port().findById(user.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.DISABLED);
    assertThat(events(EventType.USER_SUSPENDED)).anySatisfy(entry -> {
      assertThat(entry.subject()).isEqualTo(user.id());
      assertThat(entry.actor()).isEqualTo(new Initiator(Initiator.Kind.ADMIN, admin.id()));
    });
  }

  @Test
  void theSignInFormWithoutItsToken_isRefused_beforeAnyPasswordCheck() {
    TestApi.Account admin = app.admin();
    Browser browser = browser();
    int failures = events(EventType.LOGIN_SUCCEEDED).size();

    TestApi.Reply refused = browser.post("/admin/sign-in", "email", admin.email(),
        "password", admin.password(), "form_token", "forged");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(events(EventType.LOGIN_SUCCEEDED)).hasSize(failures);
  }

  @Test
  @DisplayName("a console session unused for the idle timeout ends")
  void idleTimeout() {
    Browser browser = signedIn(app.admin());
    assertThat(browser.get("/admin/users").status()).isEqualTo(200);

    app.clock.advance(Duration.ofMinutes(31));

    TestApi.Reply page = browser.get("/admin/users");
    assertThat(page.status()).isEqualTo(303);
    assertThat(page.header("Location")).isEqualTo("/admin/sign-in");
  }

  @Test
  @DisplayName("a console session ends at its maximum lifetime, however active")
  void absoluteTimeout() {
    Browser browser = signedIn(app.admin());
    for (int i = 0; i < 23; i++) {
      app.clock.advance(Duration.ofMinutes(20));
      assertThat(browser.get("/admin/events").status()).as("after %d min", 20 * (i + 1))
          .isEqualTo(200);
    }
    app.clock.advance(Duration.ofMinutes(20));

    assertThat(browser.get("/admin/events").status()).isEqualTo(303);
  }

  @Test
  @DisplayName("an administrator suspended, or no longer an administrator, is out at the next"
      + " request")
  void suspendedOrDemotedAdmin_losesAccessAtTheNextRequest() {
    TestApi.Account suspended = app.admin();
    TestApi.Account demoted = app.admin();
    TestApi.Account other = app.admin();
    Browser first = signedIn(suspended);
    Browser second = signedIn(demoted);

    app.send("PATCH", "/users/" + suspended.id(), other.accessToken(),
        app.jsonOf("status", "disabled"));
    app.send("PATCH", "/users/" + demoted.id(), other.accessToken(),
        app.jsonOf("role", "USER"));

    assertThat(first.get("/admin/users").status()).isEqualTo(303);
    assertThat(second.get("/admin/users").status()).isEqualTo(303);
    assertThat(second.submit("/admin/users/" + other.id() + "/role", "role", "USER").status())
        .isEqualTo(401);
    assertThat(app.users.port().findById(other.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
  }

  @Test
  @DisplayName("an administrator with a second factor signs in with a one-time password")
  void secondFactor_atSignIn() {
    TestApi.TotpAccount admin = app.totpAccount(Role.ADMIN);
    Browser browser = browser();

    TestApi.Reply challenge = browser.signIn(admin.account().email(), admin.account().password());
    assertThat(challenge.status()).isEqualTo(200);
    assertThat(challenge.body()).contains("name=\"challenge\"");
    Matcher field = Pattern.compile("name=\"challenge\" value=\"([^\"]+)\"")
        .matcher(challenge.body());
    assertThat(field.find()).isTrue();

    TestApi.Reply wrong = browser.submit("/admin/sign-in/second-factor", "challenge",
        field.group(1), "code", "000000");
    assertThat(wrong.status()).isEqualTo(401);
    TestApi.Reply signedIn = browser.submit("/admin/sign-in/second-factor", "challenge",
        field.group(1), "code", app.totp(admin.secret()));

    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(browser.get("/admin/users").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("bad input and refusals are readable pages with their 4xx status, never a 500")
  void badInputAndRefusals_areReadable() {
    TestApi.Account admin = app.admin();
    TestApi.Account user = app.user();
    Browser browser = signedIn(admin);

    TestApi.Reply badDate = browser.get("/admin/users?created_from=yesterday");
    TestApi.Reply badId = browser.get("/admin/users/not-an-id");
    TestApi.Reply unknown = browser.get("/admin/users/"
        + UserId.generate(app.clock.now(), app.random.bytes(16)));
    browser.get("/admin/users/" + user.id());
    TestApi.Reply stale = browser.submit("/admin/users/" + user.id() + "/names",
        "first_name", "Ada", "version", "999");
    TestApi.Reply unconfirmed = browser.submit("/admin/users/" + user.id() + "/delete");

    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.body()).contains("created from must be a date");
    assertThat(badId.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("No such user.");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.body()).contains("role=\"alert\"").contains("changed meanwhile");
    assertThat(unconfirmed.status()).isEqualTo(400);
    assertThat(app.users.port().findById(user.id())).isPresent();
  }

  @Test
  void aPasswordResetSentFromTheConsole_mailsTheUser_andItsEventNamesTheAdmin() {
    TestApi.Account admin = app.admin();
    TestApi.Account user = app.user();
    Browser browser = signedIn(admin);
    browser.get("/admin/users/" + user.id());

    TestApi.Reply sent = browser.submit("/admin/users/" + user.id() + "/password-reset");

    assertThat(sent.status()).isEqualTo(303);
    assertThat(app.latestMail(user.email()).orElseThrow().subject()).contains("reset");
    assertThat(events(EventType.PASSWORD_RESET_REQUESTED))
        .filteredOn(entry -> entry.subject().equals(user.id()))
        .singleElement()
        .satisfies(entry -> assertThat(entry.actor())
            .isEqualTo(new Initiator(Initiator.Kind.ADMIN, admin.id())));
  }

  @Test
  void withRedisDown_pagesAndSignIn_answerAConsolePage503_andRecoverAfter() {
    TestApi.Account admin = app.admin();
    Browser browser = signedIn(admin);
    Browser signingIn = browser();
    signingIn.get("/admin/sign-in");

    app.tokenStore.down(true);
    TestApi.Reply page;
    TestApi.Reply action;
    TestApi.Reply signIn;
    try {
      page = browser.get("/admin/users");
      action = browser.submit("/admin/users/" + admin.id() + "/verification-code");
      signIn = signingIn.submit("/admin/sign-in", "email", admin.email(), "password",
          admin.password());
    } finally {
      app.tokenStore.down(false);
    }

    for (TestApi.Reply reply : List.of(page, action, signIn)) {
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.header("Retry-After")).as(reply.body()).isEqualTo("5");
      assertThat(reply.header("Content-Type")).startsWith("text/html");
      assertThat(reply.header("Content-Security-Policy")).isEqualTo(CSP);
      assertThat(reply.body()).contains("try again in a moment").doesNotContain("redis");
    }
    assertThat(browser.get("/admin/users").status()).isEqualTo(200);
  }

  @Test
  void signOut_endsTheConsoleSession_andTheSessionUnderIt() {
    TestApi.Account admin = app.admin();
    Browser browser = signedIn(admin);
    browser.get("/admin/users");
    int sessions = app.service.listSessions().list(new dev.userservice.application.ListSessions
        .Query(app.service.authenticateAccessToken().authenticate(admin.accessToken()),
        admin.id())).size();

    TestApi.Reply out = browser.submit("/admin/sign-out");

    assertThat(out.status()).isEqualTo(303);
    assertThat(browser.get("/admin/users").status()).isEqualTo(303);
    assertThat(app.service.listSessions().list(new dev.userservice.application.ListSessions
        .Query(app.service.authenticateAccessToken().authenticate(admin.accessToken()),
        admin.id()))).hasSize(sessions - 1);
  }
}
