package dev.userservice.adapter.http.console;

import dev.userservice.adapter.http.json.QueryParameters;
import dev.userservice.domain.InvalidInputException;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reading the console's forms and filters, and writing what the pages show: a blank field is an
 * absent one, dates are whole UTC days, times are shown in UTC to the minute.
 */
final class Forms {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Forms() {}

  /** The filters {@code names} as the query gives them, stripped; blank for an absent one. */
  static Map<String, String> filters(Context ctx, String... names) {
    Map<String, String> filters = new LinkedHashMap<>();
    for (String name : names) {
      String value = ctx.queryParam(name);
      filters.put(name, value == null ? "" : value.strip());
    }
    return filters;
  }

  /**
   * The API's query parameters for {@code filters} and the page's cursor: each non-blank filter
   * by its name, but the days {@code created_from} and {@code created_to} as the instants
   * {@code created_after} and {@code created_before} that bound them.
   *
   * @throws InvalidInputException naming a date field that is not a date
   */
  static QueryParameters apiQuery(Context ctx, Map<String, String> filters) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    filters.forEach((name, value) -> {
      if (!value.isEmpty() && !name.equals("created_from") && !name.equals("created_to")) {
        query.put(name, List.of(value));
      }
    });
    String after = dayStart(filters.get("created_from"), "created_from", 0);
    String before = dayStart(filters.get("created_to"), "created_to", 1);
    String cursor = blankToNull(ctx.queryParam("cursor"));
    if (after != null) {
      query.put("created_after", List.of(after));
    }
    if (before != null) {
      query.put("created_before", List.of(before));
    }
    if (cursor != null) {
      query.put("cursor", List.of(cursor));
    }
    return new QueryParameters(query);
  }

  /** For each filter of {@code names}, {@code name-value: true}, so a select shows its value. */
  static Map<String, Boolean> selected(Map<String, String> filters, String... names) {
    Map<String, Boolean> selected = new HashMap<>();
    for (String name : names) {
      selected.put(name + "-" + filters.get(name), true);
    }
    return selected;
  }

  /** The query string of the non-blank {@code filters} and {@code name}={@code value}. */
  static String query(Map<String, String> filters, String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(filters);
    all.put(name, value);
    return all.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
        .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
        .collect(Collectors.joining("&"));
  }

  /**
   * The instant (UTC) the day {@code daysLater} after a date field's day starts: 0 for the start
   * of that day, 1 for its end; {@code null} when the field is blank.
   */
  private static String dayStart(String date, String field, int daysLater) {
    LocalDate day = date(date, field);
    return day == null ? null
        : day.plusDays(daysLater).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
  }

  private static LocalDate date(String date, String field) {
    if (date == null || date.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(date.strip());
    } catch (DateTimeParseException e) {
      throw InvalidInputException.of(field, "must be a date such as 2026-01-31");
    }
  }

  /** A form field that must be given. */
  static String required(Context ctx, String field) {
    String value = blankToNull(ctx.formParam(field));
    if (value == null) {
      throw InvalidInputException.of(field, "is required");
    }
    return value;
  }

  /** The account version the form was rendered with, so a stale edit is refused (409). */
  static Long version(Context ctx) {
    String version = blankToNull(ctx.formParam("version"));
    if (version == null) {
      return null;
    }
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw InvalidInputException.of("version", "must be a number");
    }
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  static String time(Instant instant) {
    return instant == null ? null : TIME.format(instant);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
