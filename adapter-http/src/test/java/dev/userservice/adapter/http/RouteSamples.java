package dev.userservice.adapter.http;

import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.application.RegisterClient;
import dev.userservice.application.RequestPasswordReset;
import dev.userservice.domain.Role;
import dev.userservice.domain.WebhookId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * For every route of the API, a request that an authorized caller would have succeed: the path
 * with its parameters filled in and a valid body, built for a given accounts and caller.
 */
final class RouteSamples {

  /** The accounts one matrix row works on, fresh for every row. */
  record Accounts(TestApi app, Account user, Account other, Account unverified, Account admin) {

    static Accounts create(TestApi app) {
      return new Accounts(app, app.user(), app.user(), app.account(Role.USER, false), app.admin());
    }
  }

  /** A concrete request: path and body (or null) of {@code contentType} (null: JSON). */
  record Sample(String path, String body, String contentType) {

    Sample(String path, String body) {
      this(path, body, null);
    }

    /** A form-encoded request to an OAuth endpoint, authenticated as a new client. */
    static Sample oauth(Accounts w, String path, String... keysAndValues) {
      RegisterClient.Registered client = w.app().client("reports:read");
      String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(keysAndValues),
          java.util.Arrays.stream(TestApi.secretPost(client))).toArray(String[]::new);
      return new Sample(path, TestApi.form(all), "application/x-www-form-urlencoded");
    }
  }

  /** A well-formed session id that no login made. */
  static final String NO_SESSION = "AAAAAAAAAAAAAAAAAAAAAA";

  private RouteSamples() {}

  /** Sends {@code sample} with the caller's bearer token (which an OAuth endpoint ignores). */
  static TestApi.Reply send(TestApi app, String method, Sample sample, String token) {
    if (sample.contentType() == null) {
      return app.send(method, sample.path(), token, sample.body());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    headers.put("Content-Type", sample.contentType());
    return app.sendWith(method, sample.path(), headers, sample.body());
  }

  /**
   * Route ("METHOD /template") → request. {@code caller} is whoever sends it (possibly null for
   * anonymous); the target of {@code /users/{id}} is always the accounts's user.
   */
  static Map<String, BiFunction<Accounts, Account, Sample>> all() {
    return Map.ofEntries(
        Map.entry("POST /users", (w, c) -> new Sample("/users", w.app().jsonOf(
            "email", TestApi.uniqueEmail("new"), "password", TestApi.PASSWORD))),
        Map.entry("GET /users", (w, c) -> new Sample("/users?limit=5", null)),
        Map.entry("GET /users/count", (w, c) -> new Sample("/users/count?role=USER", null)),
        Map.entry("POST /users/import", (w, c) -> new Sample("/users/import",
            w.app().jsonOf("email", TestApi.uniqueEmail("imported"), "password_hash",
                "$2b$05$6ujoPYBa4112ncKfQ7H9.uKK0rLNtW0AtiBy6XiMEEJKe95Bk3dRq") + "\n",
            UserRoutes.NDJSON)),
        Map.entry("POST /users/invitations", (w, c) -> new Sample("/users/invitations",
            w.app().jsonOf("email", TestApi.uniqueEmail("invited")))),
        Map.entry("POST /users/{id}/invitation", (w, c) -> new Sample(
            "/users/" + w.app().storedInvitation(TestApi.uniqueEmail("invited")).id()
                + "/invitation",
            null)),
        Map.entry("POST /security/invitation/accept", (w, c) -> {
          String email = TestApi.uniqueEmail("invited");
          w.app().invited(email);
          return new Sample("/security/invitation/accept", w.app().jsonOf("email", email,
              "code", w.app().latestCode(email), "password", "a chosen passphrase"));
        }),
        Map.entry("GET /users/me", (w, c) -> new Sample("/users/me", null)),
        Map.entry("PATCH /users/me", (w, c) -> new Sample("/users/me",
            w.app().jsonOf("first_name", "Changed"))),
        Map.entry("POST /users/me/verification-code",
            (w, c) -> new Sample("/users/me/verification-code", null)),
        Map.entry("POST /users/me/verification", (w, c) -> new Sample("/users/me/verification",
            w.app().jsonOf("code", "000000"))),
        Map.entry("GET /users/me/events", (w, c) -> new Sample("/users/me/events?limit=5", null)),
        Map.entry("DELETE /users/me", (w, c) -> new Sample("/users/me",
            w.app().jsonOf("current_password", TestApi.PASSWORD))),
        Map.entry("GET /users/me/export", (w, c) -> new Sample("/users/me/export", null)),
        Map.entry("GET /users/me/sessions", (w, c) -> new Sample("/users/me/sessions", null)),
        Map.entry("DELETE /users/me/sessions/{sid}", (w, c) -> new Sample(
            "/users/me/sessions/" + (c == null ? NO_SESSION : c.sessionId()), null)),
        Map.entry("POST /users/me/mfa/totp", (w, c) -> new Sample("/users/me/mfa/totp",
            w.app().jsonOf("current_password", TestApi.PASSWORD))),
        Map.entry("POST /users/me/mfa/totp/confirm", (w, c) -> new Sample(
            "/users/me/mfa/totp/confirm", w.app().jsonOf("code", "000000"))),
        Map.entry("DELETE /users/me/mfa/totp", (w, c) -> new Sample("/users/me/mfa/totp",
            w.app().jsonOf("current_password", TestApi.PASSWORD, "code", "000000"))),
        Map.entry("POST /users/me/mfa/recovery-codes", (w, c) -> new Sample(
            "/users/me/mfa/recovery-codes", null)),
        Map.entry("DELETE /users/{id}/mfa/totp", (w, c) -> {
          w.app().giveTotp(w.user().id());
          return new Sample("/users/" + w.user().id() + "/mfa/totp", null);
        }),
        Map.entry("POST /security/login/mfa", (w, c) -> {
          TestApi.TotpAccount owner = w.app().totpUser();
          return new Sample("/security/login/mfa", w.app().jsonOf("challenge",
              w.app().challenge(owner.account()), "code", w.app().totp(owner.secret())));
        }),
        Map.entry("GET /users/{id}/sessions", (w, c) -> new Sample(
            "/users/" + w.user().id() + "/sessions", null)),
        Map.entry("DELETE /users/{id}/sessions/{sid}", (w, c) -> new Sample(
            "/users/" + w.user().id() + "/sessions/" + w.user().sessionId(), null)),
        Map.entry("POST /oauth2/token", (w, c) -> Sample.oauth(w, "/oauth2/token",
            "grant_type", "client_credentials")),
        Map.entry("POST /oauth2/introspect", (w, c) -> Sample.oauth(w, "/oauth2/introspect",
            "token", w.user().accessToken())),
        Map.entry("POST /oauth2/revoke", (w, c) -> Sample.oauth(w, "/oauth2/revoke",
            "token", w.other().refreshToken())),
        Map.entry("POST /oauth2/clients", (w, c) -> new Sample("/oauth2/clients",
            w.app().jsonOf("client_name", "nightly export", "scope", "reports:read"))),
        Map.entry("GET /oauth2/clients", (w, c) -> new Sample("/oauth2/clients", null)),
        Map.entry("GET /oauth2/clients/{id}", (w, c) -> new Sample(
            "/oauth2/clients/" + w.app().client("a").client().id(), null)),
        Map.entry("DELETE /oauth2/clients/{id}", (w, c) -> new Sample(
            "/oauth2/clients/" + w.app().client("a").client().id(), null)),
        Map.entry("GET /audit-events", (w, c) -> new Sample(
            "/audit-events?limit=5&type=login_succeeded,login_failed", null)),
        Map.entry("GET /users/{id}", (w, c) -> new Sample("/users/" + w.user().id(), null)),
        Map.entry("PATCH /users/{id}", (w, c) -> new Sample("/users/" + w.user().id(),
            w.app().jsonOf("last_name", "Edited"))),
        Map.entry("DELETE /users/{id}", (w, c) -> new Sample("/users/" + w.user().id(), null)),
        Map.entry("POST /security/login", (w, c) -> new Sample("/security/login",
            w.app().jsonOf("email", w.user().email(), "password", TestApi.PASSWORD))),
        Map.entry("POST /security/refresh", (w, c) -> new Sample("/security/refresh",
            w.app().jsonOf("refresh_token", w.user().refreshToken()))),
        Map.entry("POST /security/logout", (w, c) -> new Sample("/security/logout",
            w.app().jsonOf("refresh_token", w.user().refreshToken()))),
        Map.entry("POST /security/logout-all", (w, c) -> new Sample("/security/logout-all", null)),
        Map.entry("PUT /security/password", (w, c) -> new Sample("/security/password",
            w.app().jsonOf("current_password", TestApi.PASSWORD,
                "new_password", "a different passphrase"))),
        Map.entry("POST /security/password-reset", (w, c) -> new Sample(
            "/security/password-reset", w.app().jsonOf("email", w.user().email()))),
        Map.entry("POST /security/password-reset/confirm", (w, c) -> {
          w.app().service.requestPasswordReset().request(
              new RequestPasswordReset.Command(w.user().email(), null));
          return new Sample("/security/password-reset/confirm", w.app().jsonOf(
              "email", w.user().email(), "code", w.app().latestCode(w.user().email()),
              "new_password", "a different passphrase"));
        }),
        Map.entry("GET /.well-known/jwks.json", (w, c) -> new Sample("/.well-known/jwks.json",
            null)),
        Map.entry("GET /.well-known/oauth-authorization-server", (w, c) -> new Sample(
            "/.well-known/oauth-authorization-server", null)),
        Map.entry("GET /.well-known/openid-configuration", (w, c) -> new Sample(
            "/.well-known/openid-configuration", null)),
        Map.entry("GET /openapi.json", (w, c) -> new Sample("/openapi.json", null)),
        Map.entry("GET /docs", (w, c) -> new Sample("/docs", null)),
        Map.entry("POST /webhooks", (w, c) -> new Sample("/webhooks", w.app().jsonOf(
            "url", TestApi.WEBHOOK_URL, "event_types", List.of("registered")))),
        Map.entry("GET /webhooks", (w, c) -> new Sample("/webhooks", null)),
        Map.entry("GET /webhooks/{id}", (w, c) -> new Sample("/webhooks/" + w.app().webhook(),
            null)),
        Map.entry("PATCH /webhooks/{id}", (w, c) -> new Sample("/webhooks/" + w.app().webhook(),
            w.app().jsonOf("enabled", false))),
        Map.entry("DELETE /webhooks/{id}", (w, c) -> new Sample("/webhooks/" + w.app().webhook(),
            null)),
        Map.entry("POST /webhooks/{id}/rotate-secret", (w, c) -> new Sample(
            "/webhooks/" + w.app().webhook() + "/rotate-secret", null)),
        Map.entry("POST /webhooks/{id}/test", (w, c) -> new Sample(
            "/webhooks/" + w.app().webhook() + "/test", null)),
        Map.entry("GET /webhooks/{id}/deliveries", (w, c) -> new Sample(
            "/webhooks/" + w.app().webhook() + "/deliveries?limit=5", null)),
        Map.entry("POST /webhooks/{id}/deliveries/{delivery}/redeliver", (w, c) -> {
          WebhookId webhook = w.app().webhook();
          return new Sample("/webhooks/" + webhook + "/deliveries/"
              + w.app().webhookDelivery(webhook) + "/redeliver", null);
        }));
  }
}
