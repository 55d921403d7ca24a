package dev.userservice.adapter.mustache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Email;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.port.Letter;
import dev.userservice.domain.port.Mail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code MAIL_TEMPLATES_DIR}: a file there replaces the built-in one of its name, and only it. */
class TemplateOverridesTest {

  static final Instant AT = Instant.parse("2026-12-07T05:03:00Z");
  static final Letter.Recipient ADA_IN_ENGLISH =
      new Letter.Recipient(new Email("ada@example.com"), null, LanguageTag.ENGLISH);

  @TempDir
  Path dir;

  @Test
  void anOverriddenLetter_replacesTheBuiltIn_andEveryOtherLetterFallsBack() throws IOException {
    write("en/password_changed.subject.mustache", "{{app_name}} security notice");
    write("en/password_changed.text.mustache", "{{<layout.text}}{{$body}}Changed at {{at}}."
        + "{{/body}}{{/layout.text}}");
    write("en/password_changed.html.mustache", "<p>Changed at <b>{{at}}</b> for {{email}}</p>");
    MustacheLetterRenderer overridden = renderer(dir);
    MustacheLetterRenderer builtIn = renderer(null);

    Mail changed = overridden.render(new Letter.PasswordChanged(AT), ADA_IN_ENGLISH);
    assertThat(changed.subject()).isEqualTo("Acme security notice");
    assertThat(changed.text()).isEqualTo("Hello!\n\nChanged at December 7, 2026, 05:03 UTC.\n\n"
        + "--\nThis letter was sent by Acme to ada@example.com.\n");
    assertThat(changed.html())
        .isEqualTo("<p>Changed at <b>December 7, 2026, 05:03 UTC</b> for ada@example.com</p>");

    for (Letter other : MustacheLetterRendererTest.everyLetter()) {
      if (!(other instanceof Letter.PasswordChanged)) {
        assertThat(overridden.render(other, ADA_IN_ENGLISH))
            .isEqualTo(builtIn.render(other, ADA_IN_ENGLISH));
      }
    }
    Letter.Recipient inRussian = new Letter.Recipient(ADA_IN_ENGLISH.email(), null,
        new LanguageTag("ru"));
    assertThat(overridden.render(new Letter.PasswordChanged(AT), inRussian))
        .isEqualTo(builtIn.render(new Letter.PasswordChanged(AT), inRussian));
  }

  @Test
  void anOverriddenLayout_changesEveryLetterOfItsLanguage() throws IOException {
    write("en/layout.text.mustache", "ACME\n{{$body}}{{/body}}\n");
    MustacheLetterRenderer overridden = renderer(dir);

    assertThat(overridden.render(new Letter.PasswordResetLocked(), ADA_IN_ENGLISH).text())
        .startsWith("ACME\nSomeone entered too many wrong codes");
    assertThat(overridden.render(new Letter.AccountDeleted(AT), ADA_IN_ENGLISH).text())
        .startsWith("ACME\nYour account and its data were deleted");
  }

  @Test
  void aBrokenOverride_failsTheStart_namingTheTemplateAndLine() throws IOException {
    write("ru/email_changed.html.mustache", "<p>\n{{masked_email}}\n{{#open}}\n<p>{{broken</p>");

    assertThatThrownBy(() -> renderer(dir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ru/email_changed.html.mustache line 4");
  }

  @Test
  void anHtmlOverrideThatWritesAValueUnescaped_failsTheStart() throws IOException {
    write("en/password_changed.html.mustache", "<p>\n<p>Hello {{{first_name}}}</p>");
    assertThatThrownBy(() -> renderer(dir))
        .hasMessageContaining("en/password_changed.html.mustache line 2")
        .hasMessageContaining("{{{ writes a value unescaped");

    write("en/password_changed.html.mustache", "<p>{{at}}</p>");
    write("en/contact.mustache", "{{&support_email}}");
    assertThatThrownBy(() -> renderer(dir)).hasMessageContaining("en/contact.mustache line 1");
  }

  @Test
  void aNewLanguage_isOfferedWhenComplete_andRefusedNamingWhatIsMissing() throws IOException {
    Path builtIn = Path.of("src/main/resources/mail-templates/en");
    try (var files = Files.list(builtIn)) {
      for (Path file : files.toList()) {
        write("de/" + file.getFileName(), Files.readString(file)
            .replace("Hello", "Hallo"));
      }
    }
    MustacheLetterRenderer withGerman = renderer(dir);
    assertThat(withGerman.languages()).extracting(LanguageTag::value)
        .containsExactly("en", "ru", "de");
    assertThat(withGerman.render(new Letter.PasswordResetLocked(),
        new Letter.Recipient(ADA_IN_ENGLISH.email(), null, new LanguageTag("de-AT"))).text())
        .startsWith("Hallo!");

    Files.delete(dir.resolve("de/account_deleted.text.mustache"));
    assertThatThrownBy(() -> renderer(dir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("de/account_deleted.text.mustache is missing");
  }

  @Test
  void aDirectoryThatIsNoLanguage_orNoDirectory_failsTheStart() throws IOException {
    assertThatThrownBy(() -> renderer(dir.resolve("absent")))
        .hasMessageContaining("is not a directory");
    Files.createDirectories(dir.resolve("not a language"));
    assertThatThrownBy(() -> renderer(dir)).hasMessageContaining("not a language tag");
  }

  private MustacheLetterRenderer renderer(Path templates) {
    return new MustacheLetterRenderer(new LetterSettings("Acme", null, null, null, null,
        templates));
  }

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
