package dev.userservice.adapter.mustache;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.TemplateContext;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.LanguageTag;
import dev.userservice.domain.port.Letter;
import dev.userservice.domain.port.LetterRenderer;
import dev.userservice.domain.port.Mail;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Letters from Mustache templates: one per letter, language and part, named
 * {@code <language>/<letter>.<part>.mustache} with the part {@code subject}, {@code text} or
 * {@code html}; the text and HTML parts extend {@code <language>/layout.text} and
 * {@code layout.html}. The built-in ones (English and Russian) are in the jar under
 * {@code mail-templates/}. A file of the same name under {@link LetterSettings#templatesDir()}
 * replaces one; a subdirectory named by another language tag adds that language, and must then
 * hold every template. Every template is compiled when the renderer is built, so a broken or
 * missing one stops the start, named with its line.
 *
 * <p>HTML parts escape every value (Mustache's {@code {{value}}}); text parts and subjects do not,
 * as plain text has nothing to escape. The values each letter sees are listed in
 * {@code docs/letters.md}.
 */
@Singleton
public final class MustacheLetterRenderer implements LetterRenderer {

  static final List<LanguageTag> BUILT_IN = List.of(LanguageTag.ENGLISH, new LanguageTag("ru"));
  static final List<String> LETTERS = List.of("verification_code", "password_reset_code",
      "email_changed", "password_changed", "password_reset", "password_reset_locked",
      "account_deleted", "totp_enrolled", "totp_removed", "totp_reset", "recovery_code_used",
      "invitation");
  private static final String BUILT_IN_ROOT = "mail-templates/";

  private final LetterSettings settings;
  private final List<LanguageTag> languages;
  private final Map<String, Templates> templates = new HashMap<>();

  /** The three parts of one letter in one language. */
  private record Templates(Mustache subject, Mustache text, Mustache html) {}

  /**
   * Compiles every template of every language.
   *
   * @throws IllegalStateException naming the template (and line) that is missing or does not
   *     compile, or the templates directory when it cannot be read
   */
  @Inject
  public MustacheLetterRenderer(LetterSettings settings) {
    this.settings = settings;
    this.languages = languages(settings.templatesDir());
    DefaultMustacheFactory html = new Factory(settings.templatesDir(), true);
    DefaultMustacheFactory text = new Factory(settings.templatesDir(), false);
    for (LanguageTag language : languages) {
      for (String letter : LETTERS) {
        String base = language.value() + "/" + letter;
        templates.put(base, new Templates(compile(text, base + ".subject.mustache"),
            compile(text, base + ".text.mustache"), compile(html, base + ".html.mustache")));
      }
    }
  }

  @Override
  public List<LanguageTag> languages() {
    return languages;
  }

  @Override
  public Mail render(Letter letter, Letter.Recipient to) {
    LanguageTag language = to.language().bestMatch(languages).orElse(languages.get(0));
    Templates parts = templates.get(language.value() + "/" + letter.name());
    Map<String, Object> values = values(letter, to, language);
    String subject = execute(parts.subject(), values).strip().replaceAll("\\s+", " ");
    // Sections left empty (no link, no name) leave runs of blank lines in the text part.
    String text = execute(parts.text(), values).strip().replaceAll("\n{3,}", "\n\n") + "\n";
    return new Mail(to.email(), subject, text, execute(parts.html(), values),
        letter.expiresAt());
  }

  private Map<String, Object> values(Letter letter, Letter.Recipient to, LanguageTag language) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("app_name", settings.appName());
    values.put("support_email", settings.supportEmail());
    values.put("logo_url", settings.logoUrl());
    values.put("email", to.email().value());
    values.put("first_name", to.firstName() == null ? null : to.firstName().value());
    if (letter instanceof Letter.VerificationCodeLetter code) {
      putCode(values, code.code().digits(), code.validFor(), settings.verifyUrlTemplate(), to,
          language);
    } else if (letter instanceof Letter.PasswordResetCodeLetter code) {
      putCode(values, code.code().digits(), code.validFor(), settings.resetUrlTemplate(), to,
          language);
    } else if (letter instanceof Letter.InvitationLetter invitation) {
      putCode(values, invitation.code().digits(), invitation.validFor(),
          settings.inviteUrlTemplate(), to, language);
      values.put("valid_until", when(invitation.expiresAt(), language));
    } else if (letter instanceof Letter.EmailChanged changed) {
      values.put("masked_email", changed.maskedNewAddress());
    } else if (letter instanceof Letter.PasswordChanged changed) {
      values.put("at", when(changed.at(), language));
    } else if (letter instanceof Letter.PasswordReset reset) {
      values.put("at", when(reset.at(), language));
    } else if (letter instanceof Letter.AccountDeleted deleted) {
      values.put("at", when(deleted.at(), language));
    } else if (letter instanceof Letter.TotpEnrolled enrolled) {
      values.put("at", when(enrolled.at(), language));
    } else if (letter instanceof Letter.TotpRemoved removed) {
      values.put("at", when(removed.at(), language));
    } else if (letter instanceof Letter.TotpReset reset) {
      values.put("at", when(reset.at(), language));
    } else if (letter instanceof Letter.RecoveryCodeUsed used) {
      values.put("at", when(used.at(), language));
      values.put("left", Plural.of(used.left(), language));
    }
    values.values().removeIf(value -> value == null);
    return values;
  }

  private static void putCode(Map<String, Object> values, String code, Duration validFor,
      String linkTemplate, Letter.Recipient to, LanguageTag language) {
    values.put("code", code);
    values.put("valid_for", Plural.of(Math.max(1, validFor.toMinutes()), language));
    if (linkTemplate != null) {
      values.put("link", new LinkTemplate(linkTemplate).fill(code, to.email().value()));
    }
  }

  /** {@code 7 December 2026, 05:03 UTC}, the date in the language's long form. */
  private static String when(Instant at, LanguageTag language) {
    var utc = at.atOffset(ZoneOffset.UTC);
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language.locale())
        .format(utc) + ", " + DateTimeFormatter.ofPattern("HH:mm 'UTC'").format(utc);
  }

  private static String execute(Mustache template, Map<String, Object> values) {
    StringWriter out = new StringWriter();
    template.execute(out, values);
    return out.toString();
  }

  private static Mustache compile(DefaultMustacheFactory factory, String name) {
    try {
      return factory.compile(name);
    } catch (MustacheNotFoundException e) {
      throw new IllegalStateException("mail template " + e.getName() + " is missing: a language"
          + " added in MAIL_TEMPLATES_DIR needs every template (see docs/letters.md)", e);
    } catch (MustacheException e) {
      throw new IllegalStateException("mail template " + (e.getContext() == null ? name
          : e.getContext().file() + " line " + e.getContext().line()) + " does not compile: "
          + e.getMessage(), e);
    }
  }

  /** The built-in languages, then each language directory of {@code dir}. */
  private static List<LanguageTag> languages(Path dir) {
    List<LanguageTag> languages = new ArrayList<>(BUILT_IN);
    if (dir == null) {
      return List.copyOf(languages);
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("MAIL_TEMPLATES_DIR " + dir + " is not a directory");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.filter(Files::isDirectory).sorted().toList()) {
        String name = entry.getFileName().toString();
        LanguageTag language;
        try {
          language = new LanguageTag(name);
        } catch (InvalidInputException e) {
          throw new IllegalStateException("MAIL_TEMPLATES_DIR holds " + name + "/, which is not"
              + " a language tag (like en, ru or pt-BR)", e);
        }
        if (!language.value().equals(name)) {
          throw new IllegalStateException("MAIL_TEMPLATES_DIR holds " + name + "/; name it "
              + language.value() + "/, the tag's canonical form");
        }
        if (!languages.contains(language)) {
          languages.add(language);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("MAIL_TEMPLATES_DIR " + dir + " cannot be read", e);
    }
    return List.copyOf(languages);
  }

  /**
   * Reads a template from the override directory when it holds one, else from the jar; HTML
   * factories escape values, text ones write them as they are.
   */
  private static final class Factory extends DefaultMustacheFactory {

    private final Path overrides;
    private final boolean html;

    Factory(Path overrides, boolean html) {
      this.overrides = overrides;
      this.html = html;
    }

    @Override
    public Reader getReader(String name) {
      String source = read(name);
      if (html) {
        requireEscaping(name, source);
      }
      return new StringReader(source);
    }

    private String read(String name) {
      try {
        if (overrides != null) {
          Path file = overrides.resolve(name).normalize();
          if (file.startsWith(overrides.normalize()) && Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
          }
        }
        try (InputStream builtIn = MustacheLetterRenderer.class.getClassLoader()
            .getResourceAsStream(BUILT_IN_ROOT + name)) {
          if (builtIn == null) {
            throw new MustacheNotFoundException(name);
          }
          return new String(builtIn.readAllBytes(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("mail template " + name + " cannot be read", e);
      }
    }

    /**
     * Refuses {@code {{{value}}}} and {@code {{&value}}} in HTML templates: they write a value
     * unescaped, and values hold what users typed (a first name may be markup).
     */
    private static void requireEscaping(String name, String source) {
      for (String unescaped : List.of("{{{", "{{&")) {
        int at = source.indexOf(unescaped);
        if (at >= 0) {
          int line = 1 + (int) source.substring(0, at).chars().filter(c -> c == '\n').count();
          throw new MustacheException(unescaped + " writes a value unescaped; HTML templates"
              + " must use {{value}}", new TemplateContext("{{", "}}", name, line, false));
        }
      }
    }

    /** {@code {{<layout.html}}} means {@code layout.html.mustache} beside the template. */
    @Override
    public String resolvePartialPath(String dir, String name, String extension) {
      return dir + name + extension;
    }

    @Override
    public void encode(String value, Writer writer) {
      if (html) {
        super.encode(value, writer);
      } else {
        try {
          writer.write(value);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Field names the plural templates test, by the CLDR plural rules of the language. */
  static final class Plural {

    private Plural() {}

    /**
     * {@code {count: 5, many: true}}: the count and its CLDR plural category (cardinal, integers),
     * so a template picks the word:
     * {@code {{count}} {{#one}}minute{{/one}}{{^one}}minutes{{/one}}}.
     * Russian (and Ukrainian, Belarusian) have one (1, 21, …), few (2–4, 22–24, …) and many;
     * every other language gets English's one (1) and other.
     */
    static Map<String, Object> of(long count, LanguageTag language) {
      String category = switch (language.locale().getLanguage()) {
        case "ru", "uk", "be" -> {
          long mod10 = count % 10;
          long mod100 = count % 100;
          yield mod10 == 1 && mod100 != 11 ? "one"
              : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? "few" : "many";
        }
        // English's rule, which most languages of Western Europe share for whole numbers.
        default -> count == 1 ? "one" : "other";
      };
      return Map.of("count", count, category, true);
    }
  }
}
