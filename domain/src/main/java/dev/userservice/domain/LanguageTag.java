package dev.userservice.domain;

import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user's language: a well-formed BCP 47 tag (RFC 5646) in its canonical case ({@code en},
 * {@code ru}, {@code pt-BR}), at most {@value #MAX_LENGTH} characters. Which tags a user may hold
 * is not a domain rule but the letters' ({@link #bestMatch}): a user's language is always one the
 * service has letters in.
 */
public record LanguageTag(String value) {

  // Every read of a user makes a tag (refresh and /users/me included), and a deployment's users
  // hold a handful of distinct ones: their canonical forms are kept rather than parsed anew.
  // Bounded, so tags sent by clients cannot grow it without limit. Declared before ENGLISH,
  // whose construction uses it.
  private static final int CANONICAL_KEPT = 256;
  private static final Map<String, String> CANONICAL = new ConcurrentHashMap<>();

  /** The longest tag kept; RFC 5646 recommends that implementations accept at least this. */
  public static final int MAX_LENGTH = 35;

  /** The language of users who never chose one, and of letters in a language the service lacks. */
  public static final LanguageTag ENGLISH = new LanguageTag("en");

  public LanguageTag {
    value = canonical(value, "locale");
  }

  /**
   * The tag in {@code raw}, or {@code null} when {@code raw} is {@code null}.
   *
   * @throws InvalidInputException naming {@code field} when {@code raw} is not a well-formed tag
   */
  public static LanguageTag ofNullable(String raw, String field) {
    return raw == null ? null : new LanguageTag(canonical(raw, field));
  }

  private static String canonical(String raw, String field) {
    String known = raw == null ? null : CANONICAL.get(raw);
    if (known != null) {
      return known;
    }
    if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
      throw InvalidInputException.of(field,
          "must be a BCP 47 language tag of at most " + MAX_LENGTH + " characters, like en or ru");
    }
    try {
      // The builder rejects what Locale.forLanguageTag would silently turn into "und".
      Locale locale = new Locale.Builder().setLanguageTag(raw.strip()).build();
      if (locale.getLanguage().isEmpty()) {
        throw new IllformedLocaleException("no language");
      }
      String canonical = locale.toLanguageTag();
      if (CANONICAL.size() < CANONICAL_KEPT) {
        CANONICAL.put(raw, canonical);
      }
      return canonical;
    } catch (IllformedLocaleException e) {
      throw InvalidInputException.of(field, "must be a BCP 47 language tag, like en or ru");
    }
  }

  /** The tag as a {@link Locale}, for formatting dates and numbers in letters. */
  public Locale locale() {
    return Locale.forLanguageTag(value);
  }

  /**
   * The tag among {@code available} that serves this one, by RFC 4647 lookup (a tag serves its
   * more specific forms: {@code en} serves {@code en-GB}); empty when none does.
   */
  public Optional<LanguageTag> bestMatch(List<LanguageTag> available) {
    return lookup(List.of(new Locale.LanguageRange(value)), available);
  }

  /**
   * The tag among {@code available} that best serves an HTTP {@code Accept-Language} header
   * (RFC 9110 section 12.5.4: quality values, RFC 4647 lookup); empty when the header is absent,
   * malformed, or names nothing available.
   */
  public static Optional<LanguageTag> negotiate(String acceptLanguage,
      List<LanguageTag> available) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Optional.empty();
    }
    try {
      return lookup(Locale.LanguageRange.parse(acceptLanguage), available);
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private static Optional<LanguageTag> lookup(List<Locale.LanguageRange> ranges,
      List<LanguageTag> available) {
    List<String> tags = available.stream().map(LanguageTag::value).toList();
    return Optional.ofNullable(Locale.lookupTag(ranges, tags)).map(LanguageTag::new);
  }

  @Override
  public String toString() {
    return value;
  }
}
