package dev.userservice.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where settings come from: the process environment, over an optional {@code .env} file in the
 * working directory ({@code NAME=value} lines, {@code #} comments, optional quotes). A variable
 * set in the environment wins over the file.
 */
final class Environment {

  private final Map<String, String> values;

  Environment(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  static Environment load(Path dotEnv, Map<String, String> processEnvironment) {
    Map<String, String> merged = new HashMap<>();
    if (Files.isRegularFile(dotEnv)) {
      merged.putAll(parseDotEnv(readLines(dotEnv)));
    }
    merged.putAll(processEnvironment);
    return new Environment(merged);
  }

  Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** A copy with {@code defaults} filled in where this environment has no value. */
  Environment withDefaults(Map<String, String> defaults) {
    Map<String, String> merged = new HashMap<>(defaults);
    values.forEach((name, value) -> {
      if (!value.isBlank()) {
        merged.put(name, value);
      }
    });
    return new Environment(merged);
  }

  static Map<String, String> parseDotEnv(List<String> lines) {
    Map<String, String> parsed = new HashMap<>();
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.startsWith("export ")) {
        trimmed = trimmed.substring("export ".length()).strip();
      }
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String name = trimmed.substring(0, equals).strip();
      String value = trimmed.substring(equals + 1).strip();
      if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
          || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      parsed.put(name, value);
    }
    return parsed;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
