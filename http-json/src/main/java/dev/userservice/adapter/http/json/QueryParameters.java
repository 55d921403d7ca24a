package dev.userservice.adapter.http.json;

import dev.userservice.application.ListUsers;
import dev.userservice.domain.FieldErrors;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.port.MetadataMatch;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request's query parameters, each name with its values in the order the request gave them
 * (the order of the errors), and how the lists read them: an empty value is the same as none,
 * unknown names are refused, {@code limit} is 1 to {@link ListUsers#MAX_LIMIT}.
 */
public final class QueryParameters {

  private final Map<String, List<String>> values;

  /** {@code values}: every name of the query with its values, in the request's order. */
  public QueryParameters(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Every name with its values, as the domain's parsers read them. */
  public Map<String, List<String>> asMap() {
    return values;
  }

  /** The first value of {@code name}; {@code null} when absent or empty. */
  public String single(String name) {
    List<String> given = all(name);
    String value = given.isEmpty() ? null : given.get(0);
    return value == null || value.isEmpty() ? null : value;
  }

  /** Every value of {@code name}; empty when absent. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /**
   * Refuses unknown parameters, and any given more than once; {@code app_metadata} in
   * {@code known} admits its bracketed form ({@link MetadataMatch#isParameter}).
   */
  public void requireKnown(Set<String> known, FieldErrors check) {
    requireKnown(known, Set.of(), check);
  }

  /** As {@link #requireKnown(Set, FieldErrors)}, but those in {@code repeatable} may repeat. */
  public void requireKnown(Set<String> known, Set<String> repeatable, FieldErrors check) {
    for (Map.Entry<String, List<String>> param : values.entrySet()) {
      if (!known.contains(param.getKey())
          && !(known.contains(MetadataMatch.PARAMETER)
              && MetadataMatch.isParameter(param.getKey()))) {
        check.reject(param.getKey(), "is not a known query parameter");
      } else if (param.getValue().size() > 1 && !repeatable.contains(param.getKey())) {
        check.reject(param.getKey(), "must be given at most once");
      }
    }
  }

  /**
   * The page size of {@code limit}: {@link ListUsers#DEFAULT_LIMIT} when absent.
   *
   * @throws InvalidInputException unless an integer from 1 to {@link ListUsers#MAX_LIMIT}
   */
  public int limit() {
    String raw = single("limit");
    if (raw == null) {
      return ListUsers.DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= ListUsers.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InvalidInputException.of("limit", "must be an integer between 1 and "
        + ListUsers.MAX_LIMIT);
  }

  /**
   * {@code name} as {@code true} or {@code false} in any case; {@code null} when absent.
   *
   * @throws InvalidInputException naming {@code name} for any other value
   */
  public Boolean bool(String name) {
    String raw = single(name);
    if (raw == null) {
      return null;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw InvalidInputException.of(name, "must be true or false");
    };
  }

  /**
   * {@code name} as an ISO-8601 date-time with offset; {@code null} when absent.
   *
   * @throws InvalidInputException naming {@code name} when it does not parse
   */
  public Instant instant(String name) {
    String raw = single(name);
    if (raw == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      throw InvalidInputException.of(name,
          "must be an ISO-8601 date-time with offset, e.g. 2025-01-31T12:00:00Z");
    }
  }
}
