package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Letters over the wire: branded by the settings, in the language the registration chose, with a
 * one-click link, an override from MAIL_TEMPLATES_DIR in force, sent through SMTP to the fake
 * mail server and read from its mailbox.
 */
class LettersEndToEndTest {

  private static final String PASSWORD = "correct horse battery";

  @TempDir
  Path templates;

  @Test
  void lettersAreBranded_inTheUsersLanguage_withTheLink_andTheOverrideApplies() throws IOException {
    Files.createDirectories(templates.resolve("en"));
    Files.writeString(templates.resolve("en/verification_code.subject.mustache"),
        "Welcome to {{app_name}}: confirm your address");
    try (RunningApp app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "true",
        "APP_NAME", "Acme Cloud", "SUPPORT_EMAIL", "help@acme.example",
        "VERIFY_URL_TEMPLATE", "https://app.acme.example/verify?email={email}&code={code}",
        "MAIL_TEMPLATES_DIR", templates.toString()))) {
      String russian = EndToEndTest.unique("ru");
      String english = EndToEndTest.unique("en");
      var ru = app.post("/users", null, Map.of("email", russian, "password", PASSWORD,
          "first_name", "<b>Ада</b>"), Map.of("Accept-Language", "ru-RU, en;q=0.5"));
      var en = app.post("/users", null, Map.of("email", english, "password", PASSWORD,
          "locale", "en-GB"));
      assertThat(ru.json().path("locale").asText()).isEqualTo("ru");
      assertThat(en.json().path("locale").asText()).isEqualTo("en");

      JsonNode letter = app.awaitLatestMail(russian, "Acme Cloud: подтвердите");
      String code = app.awaitCode(russian, "подтвердите");
      assertThat(letter.path("from").asText()).contains("Acme Cloud").contains("<no-reply@");
      assertThat(letter.path("text").asText()).startsWith("Здравствуйте, <b>Ада</b>!")
          .contains("https://app.acme.example/verify?email=" + russian.replace("@", "%40")
              + "&code=" + code)
          .contains("help@acme.example");
      assertThat(letter.path("html").asText()).contains("&lt;b&gt;Ада&lt;/b&gt;")
          .doesNotContain("<b>Ада</b>");
      assertThat(app.awaitLatestMail(english, "Welcome to Acme Cloud: confirm your address")
          .path("text").asText()).startsWith("Hello!").contains("Your code to verify");
    }
  }
}
