package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import dev.userservice.domain.Email;
import dev.userservice.domain.Role;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.event.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecurityEndpointsTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  private static Reply login(String email, String password) {
    return app.send("POST", "/security/login", null,
        app.jsonOf("email", email, "password", password));
  }

  @Test
  void login_returnsBearerTokens_notCached() {
    Account user = app.user();

    Reply reply = login(user.email(), TestApi.PASSWORD);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    JsonNode tokens = reply.json();
    assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(tokens.get("expires_in").asLong()).isEqualTo(900);
    assertThat(tokens.get("access_token").asText()).contains(".");
    assertThat(tokens.get("refresh_token").asText()).isNotEmpty();
    assertThat(app.get("/users/me", tokens.get("access_token").asText()).status()).isEqualTo(200);
  }

  @Test
  void unverifiedUsers_mayLogIn() {
    Account unverified = app.account(Role.USER, false);

    assertThat(login(unverified.email(), TestApi.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void unknownEmailAndWrongPassword_getTheIdenticalResponse() {
    Account user = app.user();

    Reply wrongPassword = login(user.email(), "not the password");
    Reply unknownEmail = login(TestApi.uniqueEmail("nobody"), "not the password");

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(withoutRequestId(wrongPassword)).isEqualTo(withoutRequestId(unknownEmail));
    assertThat(wrongPassword.header("WWW-Authenticate"))
        .isEqualTo("Bearer realm=\"user-service\"");
    assertThat(unknownEmail.header("WWW-Authenticate"))
        .isEqualTo("Bearer realm=\"user-service\"");
  }

  @Test
  void login_withMalformedEmail_is400() {
    Reply reply = login("nope", "whatever1");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(reply)).containsExactly("email");
  }

  @Test
  void repeatedFailedLogins_areThrottled429WithRetryAfter_thenAllowedAgain() {
    Account user = app.user();
    Reply last = null;
    // The failures up to the limit are answered; the last of them sets the delay.
    for (int i = 0; i < app.policy.throttling().loginFailuresPerAccount() + 1; i++) {
      last = login(user.email(), "not the password");
    }
    assertThat(last.status()).isEqualTo(429);
    long retryAfter = Long.parseLong(last.header("Retry-After"));
    assertThat(retryAfter).isPositive();
    assertThat(login(user.email(), TestApi.PASSWORD).status()).isEqualTo(429);

    app.clock.advance(Duration.ofSeconds(retryAfter));
    assertThat(login(user.email(), TestApi.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void refresh_rotates_andAReusedTokenEndsTheSession() {
    Account user = app.user();

    Reply first = app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", user.refreshToken()));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Cache-Control")).isEqualTo("no-store");
    String rotated = first.json().get("refresh_token").asText();
    assertThat(rotated).isNotEqualTo(user.refreshToken());

    app.clock.advance(Duration.ofSeconds(11)); // beyond the racing-refresh grace window
    Reply reused = app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", user.refreshToken()));
    Reply successorAfterReuse = app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", rotated));

    assertThat(reused.status()).isEqualTo(401);
    assertThat(successorAfterReuse.status()).isEqualTo(401);
  }

  @Test
  void refreshAndLogout_withoutToken_are400_withGarbage401() {
    assertThat(app.send("POST", "/security/refresh", null, "{}").status()).isEqualTo(400);
    assertThat(app.send("POST", "/security/logout", null, "{}").status()).isEqualTo(400);
    assertThat(app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", "garbage")).status()).isEqualTo(401);
    assertThat(app.send("POST", "/security/logout", null,
        app.jsonOf("refresh_token", "garbage")).status()).isEqualTo(401);
  }

  @Test
  void logout_endsTheSession_andIsIdempotent() {
    Account user = app.user();

    Reply out = app.send("POST", "/security/logout", null,
        app.jsonOf("refresh_token", user.refreshToken()));
    Reply again = app.send("POST", "/security/logout", null,
        app.jsonOf("refresh_token", user.refreshToken()));

    assertThat(out.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(204);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
    assertThat(app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", user.refreshToken())).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("with the database down, logout still ends the session (204); its audit entry is written once the database is back")
  void logout_whileTheDatabaseIsDown_endsTheSession_andIsAuditedLater() {
    Account user = app.user();
    app.databaseDown(true);
    Reply out;
    try {
      out = app.send("POST", "/security/logout", null,
          app.jsonOf("refresh_token", user.refreshToken()));
      assertThat(app.service.recordHeldEvents().held()).isEqualTo(1);
      assertThatThrownBy(() -> app.service.recordHeldEvents().record())
          .isInstanceOf(UnavailableException.class);
    } finally {
      app.databaseDown(false);
    }

    assertThat(out.status()).isEqualTo(204);
    assertThat(app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", user.refreshToken())).status()).isEqualTo(401);
    assertThat(app.service.recordHeldEvents().record()).isEqualTo(1);
    assertThat(app.auditTrail.entries()).filteredOn(entry -> entry.type() == EventType.LOGGED_OUT
        && user.id().equals(entry.subject())).hasSize(1);
  }

  @Test
  @DisplayName("issue 17 #5: logout with the right ids but a forged secret is 204 and ends nothing")
  void logout_withAForgedSecret_is204_andEndsNothing() {
    Account user = app.user();

    Reply forged = app.send("POST", "/security/logout", null,
        app.jsonOf("refresh_token", forgedSecret(user.refreshToken())));

    assertThat(forged.status()).isEqualTo(204);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("issue 17 #5: a forged old generation is 401 like any bad token, ends nothing")
  void refresh_withAForgedOldGeneration_is401LikeAnyInvalidToken_andEndsNothing() {
    Account user = app.user();
    Reply first = app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", user.refreshToken()));
    String rotated = first.json().get("refresh_token").asText();
    app.clock.advance(Duration.ofSeconds(11));

    Reply forged = app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", forgedSecret(user.refreshToken())));
    Reply garbage = app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", "garbage"));
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.json().get("detail")).isEqualTo(garbage.json().get("detail"));
    assertThat(app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", rotated)).status()).isEqualTo(200);

    Reply reused = app.send("POST", "/security/refresh", null,
        app.jsonOf("refresh_token", user.refreshToken()));
    assertThat(reused.status()).isEqualTo(401);
    assertThat(reused.json().get("detail")).as("reuse answers like any failure")
        .isEqualTo(garbage.json().get("detail"));
  }

  @Test
  @DisplayName("issue 17 #6: wrong current passwords on PUT /security/password end in 429")
  void passwordChange_withWrongCurrentPasswords_isThrottledLikeLogin() {
    Account user = app.user();
    String body = app.jsonOf("current_password", "not the password",
        "new_password", "a brand new passphrase");
    for (int i = 0; i < app.policy.throttling().loginFailuresPerAccount(); i++) {
      assertThat(app.send("PUT", "/security/password", user.accessToken(), body).status())
          .isEqualTo(400);
    }

    Reply throttled = app.send("PUT", "/security/password", user.accessToken(), body);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
    assertThat(login(user.email(), TestApi.PASSWORD).status()).isEqualTo(429);
  }

  private static String forgedSecret(String refreshToken) {
    return refreshToken.substring(0, refreshToken.lastIndexOf('.') + 1) + "A".repeat(43);
  }

  @Test
  void logoutAll_endsEverySession() {
    Account user = app.user();
    Account secondDevice = app.login(user.id(), user.email(), TestApi.PASSWORD);

    Reply reply = app.send("POST", "/security/logout-all", user.accessToken(), null);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
    assertThat(app.get("/users/me", secondDevice.accessToken()).status()).isEqualTo(401);
  }

  @Test
  void passwordChange_keepsThisSession_endsTheOthers() {
    Account user = app.user();
    Account otherDevice = app.login(user.id(), user.email(), TestApi.PASSWORD);
    String newPassword = "a brand new passphrase";

    Reply wrong = app.send("PUT", "/security/password", user.accessToken(),
        app.jsonOf("current_password", "not it at all", "new_password", newPassword));
    Reply tooShort = app.send("PUT", "/security/password", user.accessToken(),
        app.jsonOf("current_password", TestApi.PASSWORD, "new_password", "short"));
    Reply changed = app.send("PUT", "/security/password", user.accessToken(),
        app.jsonOf("current_password", TestApi.PASSWORD, "new_password", newPassword));

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(wrong)).containsExactly("current_password");
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(tooShort)).containsExactly("new_password");
    assertThat(changed.status()).isEqualTo(204);
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(200);
    assertThat(app.get("/users/me", otherDevice.accessToken()).status()).isEqualTo(401);
    assertThat(login(user.email(), TestApi.PASSWORD).status()).isEqualTo(401);
    assertThat(login(user.email(), newPassword).status()).isEqualTo(200);
  }

  @Test
  void passwordReset_is202ForKnownAndUnknownEmails_andTheCodeSetsANewPassword() {
    Account user = app.user();
    String newPassword = "reset to something long";

    Reply unknown = app.send("POST", "/security/password-reset", null,
        app.jsonOf("email", TestApi.uniqueEmail("ghost")));
    Reply known = app.send("POST", "/security/password-reset", null,
        app.jsonOf("email", user.email()));
    assertThat(unknown.status()).isEqualTo(202);
    assertThat(known.status()).isEqualTo(202);
    assertThat(unknown.body()).isEqualTo(known.body());
    String code = app.latestCode(user.email());

    Reply wrongCode = app.send("POST", "/security/password-reset/confirm", null, app.jsonOf(
        "email", user.email(), "code", code.equals("000000") ? "111111" : "000000",
        "new_password", newPassword));
    Reply confirmed = app.send("POST", "/security/password-reset/confirm", null, app.jsonOf(
        "email", user.email(), "code", code, "new_password", newPassword));
    Reply reused = app.send("POST", "/security/password-reset/confirm", null, app.jsonOf(
        "email", user.email(), "code", code, "new_password", newPassword));

    assertThat(wrongCode.status()).isEqualTo(400);
    assertThat(wrongCode.json().get("reason").asText()).isEqualTo("invalid");
    assertThat(confirmed.status()).isEqualTo(204);
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().get("reason").asText()).isEqualTo("invalid");
    assertThat(app.get("/users/me", user.accessToken()).status()).isEqualTo(401);
    assertThat(login(user.email(), newPassword).status()).isEqualTo(200);
  }

  @Test
  void finding12_commonOrEmailBuiltPasswords_are400_withAFieldError_onRegistrationChangeAndReset() {
    String email = TestApi.uniqueEmail("lovelace");
    Reply common = app.send("POST", "/users", null, app.jsonOf("email", email,
        "password", "Password"));
    Reply fromEmail = app.send("POST", "/users", null, app.jsonOf("email", email,
        "password", "lovelace and more"));
    assertThat(common.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(common)).containsExactly("password");
    assertThat(common.json().toString()).contains("common");
    assertThat(fromEmail.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(fromEmail)).containsExactly("password");

    Account user = app.user();
    Reply change = app.send("PUT", "/security/password", user.accessToken(),
        app.jsonOf("current_password", TestApi.PASSWORD, "new_password", "iloveyou"));
    assertThat(change.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(change)).containsExactly("new_password");

    app.send("POST", "/security/password-reset", null, app.jsonOf("email", user.email()));
    Reply reset = app.send("POST", "/security/password-reset/confirm", null, app.jsonOf(
        "email", user.email(), "code", app.latestCode(user.email()),
        "new_password", "qwerty123"));
    assertThat(reset.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(reset)).containsExactly("new_password");
    assertThat(login(user.email(), TestApi.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void passwordResetConfirm_validatesEveryField() {
    Reply reply = app.send("POST", "/security/password-reset/confirm", null,
        app.jsonOf("email", "x", "code", "12", "new_password", ""));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(reply))
        .containsExactlyInAnyOrder("email", "code", "new_password");
  }

  @Test
  void passwordReset_fromOneAddressTooOften_is429_andBadEmail400() {
    Map<String, String> headers = Map.of("Content-Type", "application/json",
        "X-Forwarded-For", "203.0.113.99");
    Reply last = null;
    for (int i = 0; i <= app.policy.throttling().requestsPerAddressPerMinute(); i++) {
      last = app.sendWith("POST", "/security/password-reset", headers,
          app.jsonOf("email", TestApi.uniqueEmail("reset")));
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotNull();
    assertThat(app.send("POST", "/security/password-reset", null, app.jsonOf("email", "@"))
        .status()).isEqualTo(400);
  }

  @Test
  @DisplayName("finding 2: the reset request only queues; the code is mailed by the worker")
  void passwordResetRequest_onlyQueues_theWorkerMailsTheCode() {
    Account user = app.user();
    long letters = app.outbox.pending();

    assertThat(app.send("POST", "/security/password-reset", null,
        app.jsonOf("email", user.email())).status()).isEqualTo(202);

    assertThat(app.outbox.pending()).as("nothing queued for mail on the request path")
        .isEqualTo(letters);
    app.deliverAll();
    assertThat(app.mailer.latestTo(new Email(user.email())).orElseThrow().subject())
        .contains("reset");
  }

  @Test
  @DisplayName("finding 2: a failed reset confirmation answers alike for known and unknown emails")
  void passwordResetConfirm_failsAlike_forKnownAndUnknownEmails_andWhenExhausted() {
    Account user = app.user();
    app.send("POST", "/security/password-reset", null, app.jsonOf("email", user.email()));
    String code = app.latestCode(user.email());
    String wrong = code.equals("000000") ? "111111" : "000000";

    List<Reply> failures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      failures.add(app.send("POST", "/security/password-reset/confirm", null, app.jsonOf(
          "email", user.email(), "code", wrong, "new_password", "reset to something long")));
    }
    failures.add(app.send("POST", "/security/password-reset/confirm", null, app.jsonOf(
        "email", TestApi.uniqueEmail("ghost"), "code", wrong,
        "new_password", "reset to something long")));

    JsonNode first = withoutRequestId(failures.get(0));
    assertThat(first.get("reason").asText()).isEqualTo("invalid");
    assertThat(first.get("detail").asText()).isEqualTo("the code is wrong or has expired");
    for (Reply failure : failures) {
      assertThat(failure.status()).isEqualTo(400);
      assertThat(withoutRequestId(failure)).isEqualTo(first);
    }
  }

  @Test
  @DisplayName("finding 7: reset confirmations from one address are limited (429)")
  void passwordResetConfirm_fromOneAddressTooOften_is429() {
    Map<String, String> headers = Map.of("Content-Type", "application/json",
        "X-Forwarded-For", "203.0.113.98");
    Reply last = null;
    for (int i = 0; i <= app.policy.throttling().requestsPerAddressPerMinute(); i++) {
      last = app.sendWith("POST", "/security/password-reset/confirm", headers, app.jsonOf(
          "email", TestApi.uniqueEmail("guess"), "code", "123456",
          "new_password", "reset to something long"));
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotNull();
  }

  private static JsonNode withoutRequestId(Reply reply) {
    ObjectNode copy = reply.json().deepCopy();
    copy.remove("request_id");
    return copy;
  }
}
