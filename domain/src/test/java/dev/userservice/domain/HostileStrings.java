package dev.userservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Strings an attacker or a broken client might send: any UTF-16 (lone surrogates, controls,
 * noncharacters), pieces that are known to trip Unicode case mapping and trimming, near-valid
 * values with a few hostile edits, huge ones, and {@code null}. Shared with the application's
 * property tests through the test-jar.
 */
public final class HostileStrings {

  /** Characters with a history: case-mapping surprises, invisible ones, digits of other scripts. */
  public static final List<String> TRICKY = List.of(
      "\u0000", "\t", "\n", "\r", "\u000B", "\u001F", "\u007F", "\u0085", "\u00A0", "\u1680",
      "\u2000", "\u2028", "\u2029", "\u200B", "\u200E", "\u202E", "\u3000", "\uFEFF", "\uFFFD",
      "\uFFFF", "\uD800", "\uDFFF", "\uD83D\uDE00", "\u212A", "\u0130", "\u0131", "\u017F",
      "\u00DF", "\uFB00", "\u0660", "\u0966", "\uFF10", "\uFF21", "\u0430", "\u0435", " ", "@",
      ".", "-", "+", "_", "%", ":", "/", "\\", "\"", "'", "<", "=", "0", "9", "a", "f", "z", "A",
      "F", "Z", "localhost", "example.com", "USER", "admin", "null", "{}");

  private HostileStrings() {}

  /** Any of the kinds below, now and then {@code null}. */
  public static Arbitrary<String> any() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().all().ofMaxLength(300)),
        Tuple.of(3, Arbitraries.strings().ascii().ofMaxLength(80)),
        Tuple.of(4, tricky()),
        Tuple.of(1, huge())).injectNull(0.03);
  }

  /** Any hostile string, and near-misses of {@code valid} (a few hostile edits each). */
  public static Arbitrary<String> anyAround(Arbitrary<String> valid) {
    return Arbitraries.frequencyOf(
        Tuple.of(3, any()),
        Tuple.of(2, valid),
        Tuple.of(4, mutated(valid)));
  }

  /** Up to 40 pieces of {@link #TRICKY} and random characters, concatenated. */
  public static Arbitrary<String> tricky() {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(TRICKY)),
        Tuple.of(1, Arbitraries.chars().all().map(String::valueOf)));
    return piece.list().ofMaxSize(40).map(pieces -> String.join("", pieces));
  }

  /** 1,000 to 70,000 characters, far beyond every limit of the domain. */
  public static Arbitrary<String> huge() {
    return Combinators.combine(Arbitraries.of(TRICKY),
            Arbitraries.integers().between(1_000, 70_000))
        .as((piece, length) -> piece.repeat(length / piece.length() + 1));
  }

  /** {@code valid} after one to four inserts, replacements or deletions of tricky pieces. */
  public static Arbitrary<String> mutated(Arbitrary<String> valid) {
    return Combinators.combine(valid, Arbitraries.integers().between(1, 4), Arbitraries.longs())
        .as((text, edits, seed) -> mutate(text, edits, new Random(seed)));
  }

  private static String mutate(String text, int edits, Random random) {
    StringBuilder out = new StringBuilder(text);
    for (int i = 0; i < edits; i++) {
      String piece = random.nextInt(4) == 0
          ? String.valueOf((char) random.nextInt(0x10000))
          : TRICKY.get(random.nextInt(TRICKY.size()));
      int at = out.length() == 0 ? 0 : random.nextInt(out.length() + 1);
      switch (random.nextInt(3)) {
        case 0 -> out.insert(at, piece);
        case 1 -> out.replace(at, Math.min(out.length(), at + 1), piece);
        default -> {
          if (at < out.length()) {
            out.deleteCharAt(at);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Runs {@code parse}: its value, or {@code null} when it threw the domain's invalid-input error
   * naming exactly {@code field}. Any other exception escapes and fails the property.
   */
  public static <T> T valueOrInvalid(Supplier<T> parse, String field) {
    try {
      return parse.get();
    } catch (InvalidInputException e) {
      assertThat(e.errors()).extracting(FieldError::field).containsExactly(field);
      assertThat(e.errors().get(0).message()).isNotBlank();
      // The message is a fixed sentence: it never echoes (possibly huge or secret) input back.
      assertThat(e.getMessage()).hasSizeLessThan(200);
      return null;
    }
  }

  /** Whether every character is ASCII. */
  public static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80);
  }
}
