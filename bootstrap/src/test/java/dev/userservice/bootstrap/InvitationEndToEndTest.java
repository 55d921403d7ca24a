package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An invitation round trip over the wire: an administrator invites an address, the letter goes
 * through SMTP to the fake mail server, and the code from it sets the password and logs in;
 * against PostgreSQL and Redis.
 */
class InvitationEndToEndTest {

  private static final String PASSWORD = "a passphrase of my own";

  @Test
  void anInvitee_acceptsWithTheMailedCode_andIsLoggedIn_verified() {
    try (RunningApp app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true",
        "APP_NAME", "Acme Cloud",
        "INVITE_URL_TEMPLATE", "https://app.acme.example/join?email={email}&code={code}"))) {
      String admin = EndToEndTest.adminToken(app);
      String email = EndToEndTest.unique("invitee");

      var invited = app.post("/users/invitations", admin, Map.of("email", email,
          "first_name", "Ада", "locale", "ru"));
      assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
      String id = invited.text("id");
      assertThat(invited.json().path("invited_until").isTextual()).isTrue();

      JsonNode letter = app.awaitLatestMail(email, "Приглашение в Acme Cloud");
      String code = app.awaitCode(email, "Приглашение");
      assertThat(letter.path("text").asText()).startsWith("Здравствуйте, Ада!")
          .contains("https://app.acme.example/join?email=" + email.replace("@", "%40")
              + "&code=" + code);
      assertThat(app.post("/security/login", null, Map.of("email", email, "password", PASSWORD))
          .status()).isEqualTo(401);

      var wrong = app.post("/security/invitation/accept", null, Map.of("email", email,
          "code", code.equals("000000") ? "000001" : "000000", "password", PASSWORD));
      var unknown = app.post("/security/invitation/accept", null, Map.of(
          "email", EndToEndTest.unique("nobody"), "code", code, "password", PASSWORD));
      assertThat(wrong.status()).isEqualTo(400);
      assertThat(withoutRequestId(unknown.json())).isEqualTo(withoutRequestId(wrong.json()));

      var accepted = app.post("/security/invitation/accept", null,
          Map.of("email", email, "code", code, "password", PASSWORD));
      assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
      JsonNode me = app.get("/users/me", accepted.text("access_token")).json();
      assertThat(me.path("id").asText()).isEqualTo(id);
      assertThat(me.path("email_verified").asBoolean()).isTrue();
      assertThat(me.path("invited_until").isNull()).isTrue();
      assertThat(app.post("/security/login", null, Map.of("email", email, "password", PASSWORD))
          .status()).isEqualTo(200);
      assertThat(app.post("/users/" + id + "/invitation", admin, null).status())
          .isEqualTo(409);

      List<String> types = new ArrayList<>();
      app.get("/audit-events?user_id=" + id + "&limit=20", admin).json().path("items")
          .forEach(entry -> types.add(entry.path("type").asText()));
      assertThat(types).contains("invited", "invitation_accepted", "login_succeeded");
    }
  }

  private static JsonNode withoutRequestId(JsonNode problem) {
    var copy = problem.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("request_id");
    return copy;
  }
}
