package dev.userservice.domain.port;

import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Metadata;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on one top-level member of {@code app_metadata}: the member named {@code key}
 * equals {@code value}, read as a JSON string, or also as the number or boolean it spells
 * ({@code 5} matches {@code 5}, {@code 5.0} and {@code "5"}; {@code true} matches {@code true} and
 * {@code "true"}). Objects, arrays and {@code null} never match. Given in a query as
 * {@code app_metadata[key]=value} (OpenAPI's {@code deepObject} style), one key at most.
 */
public record MetadataMatch(String key, String value) {

  /** The query parameter, whose one key goes in brackets after it. */
  public static final String PARAMETER = "app_metadata";

  public static final int MAX_KEY_LENGTH = 255;
  public static final int MAX_VALUE_LENGTH = 1024;

  /** A JSON number (RFC 8259), short enough that its value fits PostgreSQL's {@code numeric}. */
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]{0,99})(\\.[0-9]{1,100})?([eE][+-]?[0-9]{1,3})?");

  /**
   * @throws InvalidInputException naming {@value #PARAMETER} when the key is empty or either is
   *     too long or holds a control character
   */
  public MetadataMatch {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    FieldErrors errors = new FieldErrors();
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      errors.reject(PARAMETER, "must name one key of 1 to " + MAX_KEY_LENGTH + " characters");
    } else if (value.length() > MAX_VALUE_LENGTH) {
      errors.reject(PARAMETER, "must have a value of at most " + MAX_VALUE_LENGTH + " characters");
    } else if ((key + value).chars().anyMatch(Character::isISOControl)) {
      errors.reject(PARAMETER, "must not contain control characters");
    }
    errors.throwIfAny();
  }

  /** What {@link #value} spells as a JSON number, or {@code null}. */
  public BigDecimal number() {
    return NUMBER.matcher(value).matches() ? new BigDecimal(value) : null;
  }

  /** What {@link #value} spells as a JSON boolean, or {@code null}. */
  public Boolean bool() {
    return value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE : null;
  }

  /** Whether {@code name} is a query parameter of this condition ({@code app_metadata[...]}). */
  public static boolean isParameter(String name) {
    return name.startsWith(PARAMETER + "[") && name.endsWith("]");
  }

  /**
   * The condition among a query's parameters, or {@code null} when there is none.
   *
   * @throws InvalidInputException when more than one key or value is given, or one is invalid
   */
  public static MetadataMatch fromQuery(Map<String, List<String>> query) {
    if (query.containsKey(PARAMETER)) {
      throw InvalidInputException.of(PARAMETER,
          "must name its key in brackets: " + PARAMETER + "[key]=value");
    }
    MetadataMatch found = null;
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      if (!isParameter(parameter.getKey())) {
        continue;
      }
      if (found != null || parameter.getValue().size() != 1) {
        throw InvalidInputException.of(PARAMETER, "may give one key and one value");
      }
      String name = parameter.getKey();
      found = new MetadataMatch(name.substring(PARAMETER.length() + 1, name.length() - 1),
          parameter.getValue().get(0));
    }
    return found;
  }

  /** Whether {@code metadata} has a top-level member that this condition matches. */
  public boolean matches(Metadata metadata) {
    Object member = metadata.members().get(key);
    if (member instanceof BigDecimal decimal) {
      BigDecimal number = number();
      return number != null && decimal.compareTo(number) == 0;
    }
    return member instanceof String string ? string.equals(value)
        : member instanceof Boolean flag && flag.equals(bool());
  }
}
