package dev.userservice.adapter.mustache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Email;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.PersonName;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.port.Letter;
import dev.userservice.domain.port.Mail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MustacheLetterRendererTest {

  static final String HOSTILE_NAME = "<script>alert(1)</script> & \"Ada\"";
  static final VerificationCode CODE = VerificationCode.of(42_917);
  static final Instant AT = Instant.parse("2026-12-07T05:03:00Z");
  static final LetterSettings BRANDED = new LetterSettings("Acme Cloud", "help@acme.example",
      "https://acme.example/logo.png", "https://app.acme.example/verify?email={email}&code={code}",
      "https://app.acme.example/reset/{code}?who={email}", null,
      "https://app.acme.example/join?code={code}&email={email}");
  static final MustacheLetterRenderer RENDERER = new MustacheLetterRenderer(BRANDED);
  static final Email TO = new Email("ada+test@example.com");

  /** One of each letter: every kind the port has. */
  static List<Letter> everyLetter() {
    return List.of(
        new Letter.VerificationCodeLetter(CODE, Duration.ofMinutes(10), AT.plusSeconds(600)),
        new Letter.PasswordResetCodeLetter(CODE, Duration.ofMinutes(21), AT.plusSeconds(1260)),
        new Letter.EmailChanged(new Email("new.address@mail.example.org").masked()),
        new Letter.PasswordChanged(AT),
        new Letter.PasswordReset(AT),
        new Letter.PasswordResetLocked(),
        new Letter.AccountDeleted(AT),
        new Letter.TotpEnrolled(AT),
        new Letter.TotpRemoved(AT),
        new Letter.TotpReset(AT),
        new Letter.RecoveryCodeUsed(AT, 3),
        new Letter.InvitationLetter(CODE, Duration.ofDays(7), AT));
  }

  static Stream<Arguments> everyLetterInEveryLanguage() {
    List<Arguments> all = new ArrayList<>();
    for (LanguageTag language : RENDERER.languages()) {
      for (Letter letter : everyLetter()) {
        all.add(Arguments.of(language.value(), letter));
      }
    }
    return all.stream();
  }

  static Mail render(Letter letter, String language) {
    return RENDERER.render(letter, new Letter.Recipient(TO, new PersonName(HOSTILE_NAME),
        new LanguageTag(language)));
  }

  @Test
  void theBuiltInLanguagesAreEnglishAndRussian_withEveryKindOfLetter() {
    assertThat(RENDERER.languages()).extracting(LanguageTag::value).containsExactly("en", "ru");
    assertThat(everyLetter()).extracting(Letter::name)
        .containsExactlyInAnyOrderElementsOf(MustacheLetterRenderer.LETTERS);
    assertThat(Letter.class.getPermittedSubclasses()).hasSize(MustacheLetterRenderer.LETTERS.size());
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("everyLetterInEveryLanguage")
  void everyLetter_rendersWithItsValues_escapesTheName_andSaysTheSameInTextAndHtml(
      String language, Letter letter) {
    Mail mail = render(letter, language);

    assertThat(mail.to()).isEqualTo(TO);
    assertThat(mail.expiresAt()).isEqualTo(letter.expiresAt());
    assertThat(mail.subject()).isNotBlank().contains("Acme Cloud").doesNotContain("\n")
        .doesNotContain(CODE.digits()).doesNotContain("{{");
    // The hostile name: as written in the text part, escaped in the HTML part, never as markup.
    assertThat(mail.text()).contains(HOSTILE_NAME);
    assertThat(mail.html()).doesNotContain("<script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Ada&quot;");
    assertThat(mail.text() + mail.html()).doesNotContain("{{").doesNotContain("}}");
    assertThat(mail.html()).startsWith("<!doctype html>").contains("lang=\"" + language + "\"")
        .contains("src=\"https://acme.example/logo.png\"");
    assertThat(mail.text()).contains("help@acme.example").contains(TO.value());

    if (letter instanceof Letter.VerificationCodeLetter
        || letter instanceof Letter.PasswordResetCodeLetter
        || letter instanceof Letter.InvitationLetter) {
      String link = letter instanceof Letter.VerificationCodeLetter
          ? "https://app.acme.example/verify?email=ada%2Btest%40example.com&code=042917"
          : letter instanceof Letter.PasswordResetCodeLetter
          ? "https://app.acme.example/reset/042917?who=ada%2Btest%40example.com"
          : "https://app.acme.example/join?code=042917&email=ada%2Btest%40example.com";
      assertThat(mail.text()).contains("    042917\n").contains(link);
      assertThat(mail.html()).contains(">042917<");
      assertThat(unescape(mail.html())).contains("href=\"" + link + "\"");
    }
    if (letter instanceof Letter.EmailChanged) {
      assertThat(mail.text()).contains("n***@m***.org").doesNotContain("new.address");
      assertThat(mail.html()).contains("n***@m***.org").doesNotContain("new.address");
    }
    if (letter instanceof Letter.PasswordChanged || letter instanceof Letter.PasswordReset
        || letter instanceof Letter.AccountDeleted || letter instanceof Letter.TotpEnrolled
        || letter instanceof Letter.TotpRemoved || letter instanceof Letter.TotpReset
        || letter instanceof Letter.RecoveryCodeUsed || letter instanceof Letter.InvitationLetter) {
      assertThat(mail.text()).contains(language.equals("ru") ? "7 декабря 2026" : "December 7, 2026")
          .contains("05:03 UTC");
    }
    assertThat(paragraphs(mail.text())).allSatisfy(paragraph ->
        assertThat(visibleText(mail.html())).contains(paragraph));
    assertThat(visibleText(mail.html()).length())
        .isLessThan(normalize(mail.text()).length() + 200);
  }

  @Test
  void russianLetters_putMinutesInTheRightForm() {
    assertThat(codeLetterIn("ru", 1)).contains("Код действует 1 минуту,");
    assertThat(codeLetterIn("ru", 3)).contains("Код действует 3 минуты,");
    assertThat(codeLetterIn("ru", 10)).contains("Код действует 10 минут,");
    assertThat(codeLetterIn("ru", 12)).contains("Код действует 12 минут,");
    assertThat(codeLetterIn("ru", 21)).contains("Код действует 21 минуту,");
    assertThat(codeLetterIn("ru", 24)).contains("Код действует 24 минуты,");
    assertThat(codeLetterIn("en", 1)).contains("valid for 1 minute and");
    assertThat(codeLetterIn("en", 15)).contains("valid for 15 minutes and");
  }

  @Test
  void theRecoveryCodeLetter_saysHowManyAreLeft_inTheRightForm() {
    assertThat(recoveryLetterIn("ru", 1)).contains("остался 1 код.");
    assertThat(recoveryLetterIn("ru", 3)).contains("осталось 3 кода.");
    assertThat(recoveryLetterIn("ru", 0)).contains("осталось 0 кодов.");
    assertThat(recoveryLetterIn("ru", 5)).contains("осталось 5 кодов.");
    assertThat(recoveryLetterIn("en", 1)).contains("1 code is left.");
    assertThat(recoveryLetterIn("en", 9)).contains("9 codes are left.");
  }

  private static String recoveryLetterIn(String language, int left) {
    return render(new Letter.RecoveryCodeUsed(AT, left), language).text();
  }

  private static String codeLetterIn(String language, int minutes) {
    return render(new Letter.VerificationCodeLetter(CODE, Duration.ofMinutes(minutes), AT),
        language).text();
  }

  @Test
  @DisplayName("a recipient's language is matched by RFC 4647 lookup, else English is used")
  void languagesFallBack() {
    assertThat(render(new Letter.PasswordResetLocked(), "ru-RU").text()).contains("Здравствуйте");
    assertThat(render(new Letter.PasswordResetLocked(), "de").text()).contains("Hello");
  }

  @Test
  void withoutLinksLogoSupportOrName_theLettersStillRead() {
    MustacheLetterRenderer plain = new MustacheLetterRenderer(LetterSettings.defaults());
    Mail mail = plain.render(everyLetter().get(0),
        new Letter.Recipient(TO, null, LanguageTag.ENGLISH));

    assertThat(mail.text()).startsWith("Hello!\n\nYour code to verify this email address:\n\n"
        + "    042917\n\nThe code is valid for 10 minutes and can be used once.")
        .doesNotContain("http").doesNotContain("\n\n\n");
    assertThat(mail.html()).doesNotContain("<img").doesNotContain("href")
        .contains(">User Service</p>");
    assertThat(plain.render(new Letter.AccountDeleted(AT),
        new Letter.Recipient(TO, null, new LanguageTag("ru"))).text())
        .contains("обратитесь к администратору.");
  }

  @Test
  void urlTemplates_mustBeAbsoluteHttpUrlsWithACode() {
    assertThatThrownBy(() -> new LetterSettings(null, null, null, "https://app.example/verify",
        null, null)).hasMessageContaining("VERIFY_URL_TEMPLATE must contain {code}");
    assertThatThrownBy(() -> new LetterSettings(null, null, null, null, "/reset?code={code}",
        null)).hasMessageContaining("RESET_URL_TEMPLATE must be an absolute http(s) URL");
    assertThatThrownBy(() -> new LetterSettings(null, null, null, null,
        "javascript:alert('{code}')", null)).hasMessageContaining("RESET_URL_TEMPLATE");
    assertThatThrownBy(() -> new LetterSettings(null, null, "ftp://x.example/logo.png", null,
        null, null)).hasMessageContaining("MAIL_LOGO_URL");
    assertThatThrownBy(() -> new LetterSettings(null, null, null, null, null, null,
        "https://app.example/join")).hasMessageContaining("INVITE_URL_TEMPLATE must contain {code}");
    assertThatThrownBy(() -> new LetterSettings(null, null, null, null, null, null,
        "/join?code={code}")).hasMessageContaining("INVITE_URL_TEMPLATE must be an absolute");
    assertThat(new LetterSettings(" ", "", "", "", "", null, " "))
        .isEqualTo(LetterSettings.defaults());
  }

  @Test
  void theInvitation_saysUntilWhen_inEitherLanguage_andLinksOnlyWhenConfigured() {
    Letter invitation = new Letter.InvitationLetter(CODE, Duration.ofDays(7), AT);
    assertThat(render(invitation, "en").text())
        .contains("The invitation is valid until December 7, 2026, 05:03 UTC");
    assertThat(render(invitation, "ru").text())
        .contains("Приглашение действует до 7 декабря 2026 г., 05:03 UTC")
        .contains("Вас пригласили в Acme Cloud");
    Mail plain = new MustacheLetterRenderer(LetterSettings.defaults()).render(invitation,
        new Letter.Recipient(TO, null, LanguageTag.ENGLISH));
    assertThat(plain.subject()).isEqualTo("You are invited to User Service");
    assertThat(plain.text()).contains("    042917\n").doesNotContain("http");
  }

  /** The text part's paragraphs, each with its whitespace collapsed. */
  static List<String> paragraphs(String text) {
    return Arrays.stream(text.split("\n\\s*\n")).map(MustacheLetterRendererTest::normalize)
        .map(p -> p.replaceFirst("^-- ", "")).filter(p -> !p.isEmpty()).toList();
  }

  /** What a reader of the HTML part sees: tags removed, entities decoded, whitespace collapsed. */
  static String visibleText(String html) {
    String body = html.substring(html.indexOf("<body"));
    return normalize(unescape(Pattern.compile("<[^>]*>").matcher(body).replaceAll(" ")));
  }

  /** {@code html} with the entities Mustache writes decoded. */
  static String unescape(String html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&#61;", "=").replace("&#96;", "`").replace("&amp;", "&");
  }

  static String normalize(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
