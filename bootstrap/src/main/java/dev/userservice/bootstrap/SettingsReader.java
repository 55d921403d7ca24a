package dev.userservice.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the variables of {@link Settings} from an {@link Environment} one at a time, collecting
 * problems instead of stopping at the first, so that one error names them all. A missing or
 * invalid variable reads as its default (or {@code null}) and is recorded as a problem that names
 * it; {@link #done} throws when there is any.
 */
final class SettingsReader {

  private final Environment env;
  private final List<String> problems = new ArrayList<>();

  SettingsReader(Environment env) {
    this.env = env;
  }

  /**
   * The record {@code constructor} makes of values read before, for a record that needs a
   * required value or checks its values together. Returns {@code null} when a problem has been
   * found already (the values may be missing, and the settings are refused anyway), or when the
   * record refuses the values: its message becomes a problem, after {@code variables}, the
   * variables it may refuse (e.g. a password without a user name).
   */
  <T> T build(String variables, Supplier<T> constructor) {
    if (!problems.isEmpty()) {
      return null;
    }
    try {
      return constructor.get();
    } catch (IllegalArgumentException refused) {
      problems.add(variables + ": " + refused.getMessage());
      return null;
    }
  }

  /** Adds a problem found by comparing values. */
  void problem(String problem) {
    problems.add(problem);
  }

  /**
   * {@code settings}, when every variable read was valid.
   *
   * @throws Settings.InvalidSettingsException naming every problem found
   */
  <T> T done(T settings) {
    if (!problems.isEmpty()) {
      throw new Settings.InvalidSettingsException(problems);
    }
    return settings;
  }

  String required(String name) {
    Optional<String> value = env.get(name);
    if (value.isEmpty()) {
      problems.add(name + " is required");
      return null;
    }
    return value.get();
  }

  String text(String name, String fallback) {
    return env.get(name).orElse(fallback);
  }

  boolean isSet(String name) {
    return env.get(name).isPresent();
  }

  /**
   * A secret, from {@code name} or from the file {@code name_FILE} names (the Docker and
   * Kubernetes secrets convention); the file's content without its final line break. Both set
   * at once is an error: which one wins would be a guess.
   */
  String secret(String name, boolean required, String fallback) {
    Optional<String> direct = env.get(name);
    Optional<String> file = env.get(name + "_FILE");
    if (direct.isPresent() && file.isPresent()) {
      problems.add(name + " and " + name + "_FILE are both set; set only one");
      return fallback;
    }
    if (file.isPresent()) {
      Path path = Path.of(file.get());
      try {
        return Files.readString(path, StandardCharsets.UTF_8).replaceFirst("\\r?\\n\\z", "");
      } catch (IOException | RuntimeException e) {
        problems.add(name + "_FILE names no readable file: " + path);
        return fallback;
      }
    }
    if (direct.isPresent()) {
      return direct.get();
    }
    if (required) {
      problems.add(name + " is required");
    }
    return fallback;
  }

  String oneOf(String name, String fallback, String... allowed) {
    String value = text(name, fallback).toLowerCase(Locale.ROOT);
    if (!Arrays.asList(allowed).contains(value)) {
      problems.add(name + " must be one of " + String.join(", ", allowed) + ", not '" + value
          + "'");
    }
    return value;
  }

  int port(String name, int fallback) {
    return integer(name, fallback, 0, 65535);
  }

  int integer(String name, int fallback, int min, int max) {
    return parse(name, fallback, text -> {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return value;
    }, "an integer");
  }

  boolean bool(String name, boolean fallback) {
    return parse(name, fallback, text -> switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    }, "true or false");
  }

  Duration duration(String name, Duration fallback) {
    return parse(name, fallback, text -> {
      Duration parsed = Duration.parse(text);
      if (parsed.isNegative() || parsed.isZero()) {
        throw new IllegalArgumentException("must be positive");
      }
      return parsed;
    }, "an ISO-8601 duration such as PT15M or P2D");
  }

  Duration durationOrZero(String name, Duration fallback) {
    return parse(name, fallback, text -> {
      Duration parsed = Duration.parse(text);
      if (parsed.isNegative()) {
        throw new IllegalArgumentException("must not be negative");
      }
      return parsed;
    }, "an ISO-8601 duration such as PT0S or PT10S");
  }

  Path path(String name, boolean required) {
    Optional<String> value = env.get(name);
    if (value.isEmpty()) {
      if (required) {
        problems.add(name + " is required");
      }
      return null;
    }
    Path path = Path.of(value.get());
    if (!path.toFile().isFile()) {
      problems.add(name + " names no readable file: " + path);
    }
    return path;
  }

  List<String> list(String name) {
    return env.get(name)
        .map(text -> Arrays.stream(text.split(",")).map(String::strip)
            .filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  private <T> T parse(String name, T fallback, Function<String, T> parser, String expected) {
    Optional<String> text = env.get(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return parser.apply(text.get());
    } catch (NumberFormatException | DateTimeParseException e) {
      problems.add(name + " must be " + expected + ", not '" + text.get() + "'");
    } catch (IllegalArgumentException e) {
      problems.add(name + " " + e.getMessage() + ", not '" + text.get() + "'");
    }
    return fallback;
  }
}
