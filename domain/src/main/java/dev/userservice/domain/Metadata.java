package dev.userservice.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * @param json the canonical text
 */
public record Metadata(String json) {

  public static final int MAX_BYTES = 4096;
  public static final int MAX_DEPTH = 5;

  /** No attributes: {@code {}}. */
  public static final Metadata EMPTY = new Metadata("{}");

  /** Checks that {@code json} is canonical; use {@link #parse} for text from elsewhere. */
  public Metadata {
    if (json == null || !json.equals(canonical(json))) {
      throw new IllegalArgumentException("not canonical metadata");
    }
  }

  /**
   * The metadata that {@code text} spells, in canonical form.
   *
   * @throws InvalidInputException naming {@code field} when {@code text} is not a JSON object
   *     within the limits
   */
  public static Metadata parse(String text, String field) {
    try {
      return new Metadata(canonical(text));
    } catch (IllegalArgumentException invalid) {
      throw InvalidInputException.of(field, invalid.getMessage());
    }
  }

  /** Whether there are no attributes. */
  public boolean isEmpty() {
    return json.equals("{}");
  }

  private static String canonical(String text) {
    if (text == null) {
      throw new IllegalArgumentException("must be a JSON object");
    }
    Parser parser = new Parser(text);
    parser.skipWhitespace();
    if (parser.peek() != '{') {
      throw new IllegalArgumentException("must be a JSON object");
    }
    StringBuilder out = new StringBuilder();
    parser.value(out, 1);
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw new IllegalArgumentException("must be one JSON object and nothing after it");
    }
    if (out.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("must be at most " + MAX_BYTES + " bytes as JSON");
    }
    return out.toString();
  }

  /** A strict RFC 8259 reader that writes the canonical form as it reads. */
  private static final class Parser {

    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    void skipWhitespace() {
      while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
    }

    void value(StringBuilder out, int depth) {
      skipWhitespace();
      char c = peek();
      if (c == '{' || c == '[') {
        if (depth > MAX_DEPTH) {
          throw new IllegalArgumentException("must nest at most " + MAX_DEPTH + " levels deep");
        }
        if (c == '{') {
          object(out, depth);
        } else {
          array(out, depth);
        }
      } else if (c == '"') {
        out.append(quote(string()));
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        out.append(number());
      } else if (text.startsWith("true", pos) || text.startsWith("null", pos)) {
        out.append(text, pos, pos + 4);
        pos += 4;
      } else if (text.startsWith("false", pos)) {
        out.append("false");
        pos += 5;
      } else {
        throw syntax();
      }
    }

    private void object(StringBuilder out, int depth) {
      pos++;
      List<String[]> members = new ArrayList<>();
      Set<String> names = new HashSet<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
      } else {
        while (true) {
          skipWhitespace();
          if (peek() != '"') {
            throw syntax();
          }
          String name = string();
          if (!names.add(name)) {
            throw new IllegalArgumentException("has the member \"" + name + "\" twice");
          }
          skipWhitespace();
          expect(':');
          StringBuilder member = new StringBuilder();
          value(member, depth + 1);
          members.add(new String[] {name, member.toString()});
          skipWhitespace();
          if (peek() == ',') {
            pos++;
          } else {
            expect('}');
            break;
          }
        }
      }
      members.sort((a, b) -> a[0].compareTo(b[0]));
      out.append('{');
      for (int i = 0; i < members.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(quote(members.get(i)[0])).append(':').append(members.get(i)[1]);
      }
      out.append('}');
    }

    private void array(StringBuilder out, int depth) {
      pos++;
      out.append('[');
      skipWhitespace();
      if (peek() == ']') {
        pos++;
      } else {
        while (true) {
          value(out, depth + 1);
          skipWhitespace();
          if (peek() == ',') {
            pos++;
            out.append(',');
          } else {
            expect(']');
            break;
          }
        }
      }
      out.append(']');
    }

    private String string() {
      pos++;
      StringBuilder value = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw syntax();
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          break;
        }
        if (c < 0x20) {
          throw syntax();
        }
        if (c != '\\') {
          value.append(c);
          continue;
        }
        char escape = pos < text.length() ? text.charAt(pos++) : '\0';
        switch (escape) {
          case '"', '\\', '/' -> value.append(escape);
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw syntax();
            }
            try {
              value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException e) {
              throw syntax();
            }
            pos += 4;
          }
          default -> throw syntax();
        }
      }
      String result = value.toString();
      for (int i = 0; i < result.length(); i++) {
        char c = result.charAt(i);
        if (c == '\0') {
          throw new IllegalArgumentException("must not contain \\u0000");
        }
        if (Character.isHighSurrogate(c) && i + 1 < result.length()
            && Character.isLowSurrogate(result.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          throw new IllegalArgumentException("must not contain an unpaired surrogate");
        }
      }
      return result;
    }

    private String number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (peek() >= '1' && peek() <= '9') {
        digits();
      } else {
        throw syntax();
      }
      if (peek() == '.') {
        pos++;
        requireDigit();
        digits();
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        requireDigit();
        digits();
      }
      String literal = text.substring(start, pos);
      BigDecimal value;
      try {
        value = new BigDecimal(literal);
      } catch (NumberFormatException | ArithmeticException e) {
        throw syntax();
      }
      // Bounded before the plain form is written out: 1e999999 would be a megabyte of zeros.
      if (value.precision() - value.scale() > MAX_BYTES || value.scale() > MAX_BYTES) {
        throw new IllegalArgumentException("must be at most " + MAX_BYTES + " bytes as JSON");
      }
      return value.toPlainString();
    }

    private void digits() {
      while (peek() >= '0' && peek() <= '9') {
        pos++;
      }
    }

    private void requireDigit() {
      if (!(peek() >= '0' && peek() <= '9')) {
        throw syntax();
      }
    }

    private void expect(char c) {
      if (peek() != c) {
        throw syntax();
      }
      pos++;
    }

    private IllegalArgumentException syntax() {
      return new IllegalArgumentException("is not valid JSON (at character " + (pos + 1) + ")");
    }
  }

  /** {@code value} as a JSON string, escaped only where JSON requires it. */
  private static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
