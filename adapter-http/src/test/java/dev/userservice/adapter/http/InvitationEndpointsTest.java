package dev.userservice.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.userservice.adapter.http.TestApi.Account;
import dev.userservice.adapter.http.TestApi.Reply;
import dev.userservice.domain.Email;
import dev.userservice.domain.User;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.Mail;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InvitationEndpointsTest {

  @RegisterExtension
  static final TestApi app = TestApi.perClass();

  private static Reply invite(Account admin, Object... body) {
    return app.send("POST", "/users/invitations", admin.accessToken(), app.jsonOf(body));
  }

  private static Reply accept(String email, String code, String password) {
    return app.send("POST", "/security/invitation/accept", null,
        app.jsonOf("email", email, "code", code, "password", password));
  }

  @Test
  void anInvitation_createsAnAccountNobodyCanUse_untilTheMailedCodeSetsThePassword() {
    Account admin = app.admin();
    String email = TestApi.uniqueEmail("grace");

    Reply invited = invite(admin, "email", email, "role", "admin", "first_name", "Grace");

    assertThat(invited.status()).isEqualTo(201);
    assertThat(invited.header("Location")).isEqualTo("/users/" + invited.json().get("id").asText());
    assertThat(invited.json().get("role").asText()).isEqualTo("ADMIN");
    assertThat(invited.json().get("email_verified").asBoolean()).isFalse();
    assertThat(Instant.parse(invited.json().get("invited_until").asText()))
        .isEqualTo(app.clock.now().plus(Duration.ofDays(7)));
    Mail letter = app.latestMail(email).orElseThrow();
    assertThat(letter.subject()).contains("invited");
    assertThat(letter.text()).contains("Grace");
    String code = app.latestCode(email);
    // No password works before the invitation is accepted.
    assertThat(app.send("POST", "/security/login", null,
        app.jsonOf("email", email, "password", TestApi.PASSWORD)).status()).isEqualTo(401);

    Reply accepted = accept(email, code, "a chosen passphrase");

    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.header("Cache-Control")).isEqualTo("no-store");
    JsonNode me = app.get("/users/me", accepted.json().get("access_token").asText()).json();
    assertThat(me.get("email_verified").asBoolean()).isTrue();
    assertThat(me.get("invited_until").isNull()).isTrue();
    assertThat(app.send("POST", "/security/login", null,
        app.jsonOf("email", email, "password", "a chosen passphrase")).status()).isEqualTo(200);
    // The code is spent: a second acceptance is refused.
    assertThat(accept(email, code, "another passphrase").status()).isEqualTo(400);
    String id = invited.json().get("id").asText();
    assertThat(app.auditTrail.entries()).filteredOn(entry -> entry.subject() != null
            && entry.subject().value().toString().equals(id))
        .extracting(AuditEntry::type)
        .contains(EventType.INVITED, EventType.INVITATION_ACCEPTED, EventType.LOGIN_SUCCEEDED);
  }

  @Test
  void wrongCodes_unknownEmails_andUninvitedAccounts_getTheIdenticalAnswer() {
    String email = TestApi.uniqueEmail("invited");
    app.invited(email);
    String code = app.latestCode(email);
    String wrong = code.equals("000000") ? "000001" : "000000";
    Account registered = app.user();

    Reply wrongCode = accept(email, wrong, "a chosen passphrase");
    Reply unknown = accept(TestApi.uniqueEmail("nobody"), code, "a chosen passphrase");
    Reply notInvited = accept(registered.email(), code, "a chosen passphrase");

    assertThat(wrongCode.status()).isEqualTo(400);
    assertThat(withoutRequestId(unknown)).isEqualTo(withoutRequestId(wrongCode));
    assertThat(withoutRequestId(notInvited)).isEqualTo(withoutRequestId(wrongCode));
    // The invitation still stands after the misses.
    assertThat(accept(email, code, "a chosen passphrase").status()).isEqualTo(200);
  }

  @Test
  void aWeakPassword_is400OnPassword_beforeTheCodeIsSpent() {
    String email = TestApi.uniqueEmail("invited");
    app.invited(email);
    String code = app.latestCode(email);

    Reply weak = accept(email, code, "short");

    assertThat(weak.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(weak)).containsExactly("password");
    assertThat(accept(email, code, "a chosen passphrase").status()).isEqualTo(200);
  }

  @Test
  void invitingATakenEmail_is409_andBadFields_are400WithEveryField() {
    Account admin = app.admin();
    Account user = app.user();

    assertThat(invite(admin, "email", user.email()).status()).isEqualTo(409);
    Reply bad = invite(admin, "email", "nope", "role", "owner", "locale", "xx-nope-nope-nope");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(UserEndpointsTest.fields(bad)).containsExactlyInAnyOrder("email", "role", "locale");
  }

  @Test
  void anExpiredInvitation_isSentAgain_withANewCode_andTheOldOneVoid() {
    String email = TestApi.uniqueEmail("late");
    String id = invite(app.admin(), "email", email).json().get("id").asText();
    String oldCode = app.latestCode(email);
    app.clock.advance(Duration.ofDays(8));
    Account admin = app.admin();
    assertThat(accept(email, oldCode, "a chosen passphrase").status()).isEqualTo(400);

    Reply resent = app.send("POST", "/users/" + id + "/invitation", admin.accessToken(), null);

    assertThat(resent.status()).isEqualTo(200);
    assertThat(Instant.parse(resent.json().get("invited_until").asText()))
        .isEqualTo(app.clock.now().plus(Duration.ofDays(7)));
    String newCode = app.latestCode(email);
    assertThat(accept(email, newCode, "a chosen passphrase").status()).isEqualTo(200);
    // Accepted: nothing left to send again.
    assertThat(app.send("POST", "/users/" + id + "/invitation", admin.accessToken(), null)
        .status()).isEqualTo(409);
  }

  @Test
  void resendingTooSoon_is429_andAnUninvitedAccount_is409() {
    Account admin = app.admin();
    User invited = app.invited(TestApi.uniqueEmail("eager"));

    Reply tooSoon = app.send("POST", "/users/" + invited.id() + "/invitation",
        admin.accessToken(), null);
    Reply notInvited = app.send("POST", "/users/" + app.user().id() + "/invitation",
        admin.accessToken(), null);

    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(tooSoon.header("Retry-After")).isNotNull();
    assertThat(notInvited.status()).isEqualTo(409);
  }

  @Test
  void oneAdministrator_sendsAtMostAHundredInvitationsAnHour_andAnUnknownAccountIs404() {
    Account admin = app.admin();
    for (int i = 0; i < 100; i++) {
      assertThat(invite(admin, "email", TestApi.uniqueEmail("crowd")).status()).isEqualTo(201);
    }

    Reply throttled = invite(admin, "email", TestApi.uniqueEmail("crowd"));

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isNotNull();
    assertThat(app.send("POST", "/users/" + java.util.UUID.randomUUID() + "/invitation",
        app.admin().accessToken(), null).status()).isEqualTo(404);
  }

  @Test
  void acceptances_fromOneAddressTooOften_are429() {
    Map<String, String> headers = Map.of("Content-Type", "application/json",
        "X-Forwarded-For", "203.0.113.97");
    Reply last = null;
    for (int i = 0; i <= app.policy.throttling().requestsPerAddressPerMinute(); i++) {
      last = app.sendWith("POST", "/security/invitation/accept", headers, app.jsonOf(
          "email", TestApi.uniqueEmail("guess"), "code", "123456",
          "password", "a chosen passphrase"));
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isNotNull();
  }

  @Test
  void invitedAccounts_areKeptByThePurge_untilTheInvitationHasExpired() {
    String email = TestApi.uniqueEmail("patient");
    User invited = app.invited(email);
    app.clock.advance(app.policy.unverifiedAccountTtl().plusDays(1));

    app.service.purgeUnverifiedUsers().purge();

    assertThat(app.users.port().findByEmail(new Email(email))).isPresent();
    app.clock.advance(Duration.ofDays(7).plus(app.policy.unverifiedAccountTtl()));
    app.service.purgeUnverifiedUsers().purge();
    assertThat(app.users.port().findById(invited.id())).isEmpty();
  }

  private static JsonNode withoutRequestId(Reply reply) {
    ObjectNode copy = reply.json().deepCopy();
    copy.remove("request_id");
    return copy;
  }
}
