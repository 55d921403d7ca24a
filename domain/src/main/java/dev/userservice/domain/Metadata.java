package dev.userservice.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Custom attributes of an account: a JSON object (RFC 8259) held in a canonical form, so that
 * equal objects are equal strings whoever wrote them (a client, PostgreSQL's {@code jsonb}).
 *
 * <p>Limits, checked on every value built: a JSON object at the top; at most
 * {@value #MAX_DEPTH} levels of nested objects and arrays, counting the top one; at most
 * {@value #MAX_BYTES} bytes in canonical form (UTF-8); no duplicate member names; no
 * {@code \u0000} and no unpaired surrogate in strings (PostgreSQL's {@code jsonb} refuses both).
 *
 * <p>Canonical form: no insignificant whitespace; members sorted by name (UTF-16 order); strings
 * escaped only where JSON requires it ({@code "}, {@code \}, controls); numbers in plain decimal
 * notation as PostgreSQL prints {@code numeric} ({@code 1e2} is {@code 100}, {@code 1.50} stays).
 *
 * <p>The text is read and written by jackson-core's streaming parser and generator, in its
 * strict defaults (no comments, single quotes, leading zeros, {@code NaN} or trailing commas);
 * this class adds only the limits and the order. jackson-core is the one library the domain
 * uses, and only here.
 *
 * <p>A value type like a record of its text (equal when the texts are); a class rather than a
 * record so that {@link #parse} need not canonicalise twice, once to make the text and once more
 * in a record's constructor to check it.
 */
public final class Metadata {

  public static final int MAX_BYTES = 4096;
  public static final int MAX_DEPTH = 5;

  /** Longer text is refused unread; 4 KiB of JSON, however indented, fits well within it. */
  private static final int MAX_TEXT = 16 * MAX_BYTES;

  private static final JsonFactory JSON = new JsonFactory();

  /** No attributes: {@code {}}. */
  public static final Metadata EMPTY = new Metadata("{}");

  private final String json;

  /**
   * Checks that {@code json} is canonical; use {@link #parse} for text from elsewhere.
   *
   * @throws IllegalArgumentException when it is not
   */
  public Metadata(String json) {
    this(checkedCanonical(json), true);
  }

  /** {@code json}, already canonical; the flag only tells this from the checking constructor. */
  private Metadata(String json, boolean canonical) {
    this.json = json;
  }

  private static String checkedCanonical(String json) {
    if (json == null || !json.equals(canonical(json))) {
      throw new IllegalArgumentException("not canonical metadata");
    }
    return json;
  }

  /**
   * The metadata that {@code text} spells, in canonical form.
   *
   * @throws InvalidInputException naming {@code field} when {@code text} is not a JSON object
   *     within the limits
   */
  public static Metadata parse(String text, String field) {
    if ("{}".equals(text)) {
      return EMPTY;
    }
    try {
      return new Metadata(canonical(text), true);
    } catch (IllegalArgumentException invalid) {
      throw InvalidInputException.of(field, invalid.getMessage());
    }
  }

  /** The canonical text. */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Metadata that && json.equals(that.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "Metadata[json=" + json + "]";
  }

  /** Whether there are no attributes. */
  public boolean isEmpty() {
    return json.equals("{}");
  }

  /**
   * The top-level members, by name: each value a {@code String}, {@link BigDecimal},
   * {@code Boolean}, {@code null}, or a {@code List} or {@code Map} of such values; all
   * unmodifiable.
   */
  public Map<String, Object> members() {
    if (isEmpty()) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> members = (Map<String, Object>) read(json);
    return members;
  }

  private static String canonical(String text) {
    return write(read(text));
  }

  /** The tree {@code text} spells, a sorted map at the top, checked against every limit. */
  private static Object read(String text) {
    if (text == null) {
      throw new IllegalArgumentException("must be a JSON object");
    }
    if (text.length() > MAX_TEXT) {
      throw tooLong();
    }
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("must be a JSON object");
      }
      Object tree = value(parser, 1);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("must be one JSON object and nothing after it");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value whose first token the parser is on; {@code depth} counts the containers. */
  private static Object value(JsonParser parser, int depth) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        checkDepth(depth);
        Map<String, Object> members = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = checked(parser.currentName());
          parser.nextToken();
          if (members.containsKey(name)) {
            throw new IllegalArgumentException("has the member \"" + name + "\" twice");
          }
          members.put(name, value(parser, depth + 1));
        }
        return Collections.unmodifiableMap(members);
      }
      case START_ARRAY -> {
        checkDepth(depth);
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(parser, depth + 1));
        }
        return Collections.unmodifiableList(items);
      }
      case VALUE_STRING -> {
        return checked(parser.getText());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return number(parser.getDecimalValue());
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("is not valid JSON");
    }
  }

  private static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("must nest at most " + MAX_DEPTH + " levels deep");
    }
  }

  /** {@code value}, unless its plain form could not fit the limit (it is written plain). */
  private static BigDecimal number(BigDecimal value) {
    if (Math.abs((long) value.scale()) > MAX_BYTES
        || (long) value.precision() - value.scale() > MAX_BYTES) {
      throw tooLong();
    }
    return value;
  }

  /** {@code text}, unless {@code jsonb} would refuse it. */
  private static String checked(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        throw new IllegalArgumentException("must not contain \\u0000");
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("must not contain an unpaired surrogate");
      }
    }
    return text;
  }

  private static String write(Object tree) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      write(generator, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String json = out.toString();
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw tooLong();
    }
    return json;
  }

  private static void write(JsonGenerator generator, Object value) throws IOException {
    if (value instanceof Map<?, ?> members) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> member : members.entrySet()) {
        generator.writeFieldName((String) member.getKey());
        write(generator, member.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof List<?> items) {
      generator.writeStartArray();
      for (Object item : items) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else if (value instanceof String string) {
      generator.writeString(string);
    } else if (value instanceof BigDecimal number) {
      generator.writeNumber(number.toPlainString());
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else {
      generator.writeNull();
    }
  }

  private static IllegalArgumentException tooLong() {
    return new IllegalArgumentException("must be at most " + MAX_BYTES + " bytes as JSON");
  }
}
