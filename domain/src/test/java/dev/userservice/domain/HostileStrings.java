package dev.userservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Strings an attacker or a broken client might send: any UTF-16 (lone surrogates, controls,
 * noncharacters), pieces that are known to trip Unicode case mapping and trimming, near-valid
 * values with a few hostile edits, huge ones, and {@code null}. Shared with the application's
 * property tests through the test-jar.
 *
 * <p>Plain seeded generators; the jqwik author asks AI agents not to use jqwik. A generator is a
 * {@code Function<Random, T>}; {@link #cases} turns one into a repeatable stream and
 * {@link #forAll} runs a property over it, naming the failing input.
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

  /**
   * ASCII letters and characters that are not ASCII but upper- or lower-case to them: long s,
   * dotless i, dotted capital I, Kelvin sign.
   */
  private static final Map<Character, String> LOOKALIKES = Map.of(
      's', "\u017F", 'i', "\u0131\u0130", 'k', "\u212A");

  private static final int[] INT_EDGES = {
      Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1, 0, 1, 2, Integer.MAX_VALUE - 1,
      Integer.MAX_VALUE};

  private HostileStrings() {}

  /** {@code count} values of {@code generator} from a {@code Random} seeded with {@code seed}. */
  public static <T> Stream<T> cases(long seed, int count, Function<Random, T> generator) {
    Random random = new Random(seed);
    return IntStream.range(0, count).mapToObj(i -> generator.apply(random));
  }

  /** {@code count} hostile strings, see {@link #any(Random)}. */
  public static Stream<String> any(long seed, int count) {
    return cases(seed, count, HostileStrings::any);
  }

  /** {@code count} strings of {@link #anyAround(Function)}. */
  public static Stream<String> anyAround(Function<Random, String> valid, long seed, int count) {
    return cases(seed, count, anyAround(valid));
  }

  /** Any of the kinds below, now and then (3 %) {@code null}. */
  public static String any(Random random) {
    if (random.nextInt(100) < 3) {
      return null;
    }
    int kind = random.nextInt(12);
    if (kind < 4) {
      return anyChars(random, 0, 300);
    } else if (kind < 7) {
      return ascii(random, 0, 80);
    } else if (kind < 11) {
      return tricky(random);
    }
    return huge(random);
  }

  /** Any hostile string (3 in 9), a {@code valid} one (2 in 9) or a near miss of one (4 in 9). */
  public static Function<Random, String> anyAround(Function<Random, String> valid) {
    return random -> {
      int kind = random.nextInt(9);
      if (kind < 3) {
        return any(random);
      } else if (kind < 5) {
        return valid.apply(random);
      }
      return mutated(random, valid.apply(random));
    };
  }

  /** Up to 40 pieces of {@link #TRICKY} and random characters, concatenated. */
  public static String tricky(Random random) {
    int pieces = length(random, 0, 40);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      out.append(random.nextInt(5) < 4 ? pick(random, TRICKY) : String.valueOf(anyChar(random)));
    }
    return out.toString();
  }

  /** 1,000 to 70,000 characters, far beyond every limit of the domain. */
  public static String huge(Random random) {
    String piece = pick(random, TRICKY);
    int length = 1_000 + random.nextInt(70_000 - 1_000 + 1);
    return piece.repeat(length / piece.length() + 1);
  }

  /**
   * {@code valid} after one to four edits: inserts, replacements or deletions of tricky pieces, or
   * a letter swapped for a non-ASCII lookalike that Unicode case mapping turns back into it.
   */
  public static String mutated(Random random, String valid) {
    StringBuilder out = new StringBuilder(valid);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      String piece = random.nextInt(4) == 0
          ? String.valueOf(anyChar(random))
          : pick(random, TRICKY);
      int at = out.length() == 0 ? 0 : random.nextInt(out.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> out.insert(at, piece);
        case 1 -> out.replace(at, Math.min(out.length(), at + 1), piece);
        case 2 -> {
          if (at < out.length()) {
            out.deleteCharAt(at);
          }
        }
        default -> swapForLookalike(random, out);
      }
    }
    return out.toString();
  }

  /** Replaces one ASCII letter that has {@link #LOOKALIKES}, if there is one, by one of them. */
  private static void swapForLookalike(Random random, StringBuilder text) {
    List<Integer> letters = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x80 && LOOKALIKES.containsKey(Character.toLowerCase(text.charAt(i)))) {
        letters.add(i);
      }
    }
    if (!letters.isEmpty()) {
      int at = pick(random, letters);
      String lookalikes = LOOKALIKES.get(Character.toLowerCase(text.charAt(at)));
      text.setCharAt(at, lookalikes.charAt(random.nextInt(lookalikes.length())));
    }
  }

  /** Any UTF-16 characters (lone surrogates included), {@code min} to {@code max} of them. */
  public static String anyChars(Random random, int min, int max) {
    char[] chars = new char[length(random, min, max)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = anyChar(random);
    }
    return new String(chars);
  }

  /** Characters U+0000 to U+007F, {@code min} to {@code max} of them. */
  public static String ascii(Random random, int min, int max) {
    char[] chars = new char[length(random, min, max)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) random.nextInt(0x80);
    }
    return new String(chars);
  }

  /** Characters of {@code alphabet}, {@code min} to {@code max} of them. */
  public static String charsOf(Random random, String alphabet, int min, int max) {
    char[] chars = new char[length(random, min, max)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(chars);
  }

  /** One of {@code values}, equally likely. */
  public static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A generator of one of {@code values}. */
  public static Function<Random, String> oneOf(String... values) {
    List<String> list = List.of(values);
    return random -> pick(random, list);
  }

  /** Any int: often an edge (0, ±1, the extremes), often a small one, else from the full range. */
  public static int anyInt(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> INT_EDGES[random.nextInt(INT_EDGES.length)];
      case 1, 2 -> random.nextInt(2_001) - 1_000;
      default -> random.nextInt();
    };
  }

  /** {@code edges} first, then values of {@code generator}: {@code count} in all. */
  public static <T> Stream<T> withEdges(List<T> edges, long seed, int count,
      Function<Random, T> generator) {
    return Stream.concat(edges.stream(), cases(seed, count - edges.size(), generator));
  }

  /**
   * Runs {@code property} on every case in order and stops at the first that fails: the error
   * names the case's number and its input (escaped and shortened), the original as its cause.
   */
  public static <T> void forAll(Stream<T> cases, Consumer<T> property) {
    Iterator<T> iterator = cases.iterator();
    for (int number = 1; iterator.hasNext(); number++) {
      T input = iterator.next();
      try {
        property.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("property fails for case #" + number + ": " + describe(input)
            + "\n" + e, e);
      }
    }
  }

  /**
   * {@code value} as a reader can see it: strings quoted with every non-printable-ASCII character
   * as a {@code \}{@code uXXXX} escape and long ones shortened; records component by component.
   */
  public static String describe(Object value) {
    if (value instanceof String text) {
      String shown = text.length() > 200 ? text.substring(0, 200) : text;
      StringBuilder out = new StringBuilder("\"");
      shown.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F && c != '\\' && c != '"'
          ? String.valueOf((char) c) : String.format("\\u%04X", c)));
      out.append('"');
      return text.length() > 200 ? out + "... (" + text.length() + " chars)" : out.toString();
    }
    if (value instanceof Record record) {
      List<String> parts = new ArrayList<>();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        parts.add(component.getName() + "=" + describe(componentOf(record, component)));
      }
      return record.getClass().getSimpleName() + "[" + String.join(", ", parts) + "]";
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    return String.valueOf(value);
  }

  private static Object componentOf(Record record, RecordComponent component) {
    try {
      // Test cases are private records of their test class.
      component.getAccessor().setAccessible(true);
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
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

  /** Any UTF-16 code unit; one in eight from the surrogate range, which holds the sharpest ones. */
  private static char anyChar(Random random) {
    return random.nextInt(8) == 0
        ? (char) (0xD800 + random.nextInt(0x800))
        : (char) random.nextInt(0x10000);
  }

  /** Mostly short (half the time biased towards {@code min}), sometimes up to {@code max}. */
  private static int length(Random random, int min, int max) {
    int span = max - min + 1;
    return min + (random.nextBoolean()
        ? random.nextInt(span)
        : random.nextInt(random.nextInt(span) + 1));
  }
}
