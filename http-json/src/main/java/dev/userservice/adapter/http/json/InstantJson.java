package dev.userservice.adapter.http.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@link Instant} exactly as {@link DateTimeFormatter#ISO_INSTANT} does
 * ({@code 2026-03-01T12:00:00.123456Z}: seconds always, the fraction in groups of three digits
 * when it is not zero), by plain arithmetic for the years 0 to 9999 and through the formatter
 * outside them. An admin list page carries three instants per user, so this runs dozens of times
 * per page: keep it free of the formatter's general machinery (docs/performance.md, "Instants
 * written by arithmetic"; a test checks it writes what the formatter writes).
 */
final class InstantJson extends StdSerializer<Instant> {

  private static final long FIRST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
  private static final long LAST_SECOND =
      (LocalDate.of(9999, 12, 31).toEpochDay() + 1) * 86_400 - 1;

  InstantJson() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator json, SerializerProvider provider)
      throws IOException {
    json.writeString(format(value));
  }

  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
      return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int secondOfDay = Math.floorMod(seconds, 86_400);
    char[] text = "0000-00-00T00:00:00.000000000Z".toCharArray();
    digits(text, 0, date.getYear(), 4);
    digits(text, 5, date.getMonthValue(), 2);
    digits(text, 8, date.getDayOfMonth(), 2);
    digits(text, 11, secondOfDay / 3600, 2);
    digits(text, 14, secondOfDay / 60 % 60, 2);
    digits(text, 17, secondOfDay % 60, 2);
    int nanos = instant.getNano();
    int end = 19;
    if (nanos != 0) {
      digits(text, 20, nanos, 9);
      // As many of the nine digits as needed, in groups of three: the rest are zeros.
      end = 20 + (nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9);
    }
    text[end] = 'Z';
    return new String(text, 0, end + 1);
  }

  /** Writes {@code value} into the {@code width} places from {@code at}, zero-padded. */
  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
