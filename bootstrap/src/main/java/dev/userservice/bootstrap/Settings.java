package dev.userservice.bootstrap;

import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.postgres.PostgresSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
import java.util.regex.Pattern;

/**
 * Every setting of the service (SPEC §5), read from the {@link Environment} and checked at once:
 * {@link #from} names every missing or invalid variable in one error. Secrets are never part of
 * {@link #toString()}.
 */
record Settings(
    String httpHost, int httpPort, String managementHost, int managementPort,
    Duration shutdownDrain,
    String databaseUrl, String databaseUser, String databasePassword, int databasePoolSize,
    String redisUrl, String redisClusterNodes, String redisPassword, String redisKeyPrefix,
    String smtpHost, int smtpPort, String smtpUsername, String smtpPassword, String smtpSecurity,
    String mailFrom, int mailMaxAttempts, Duration mailRetention,
    boolean fakeMailEnabled, int fakeSmtpPort,
    Path jwtPrivateKeyFile, Path jwtPreviousPublicKeysFile, String jwtIssuer, String jwtAudience,
    Path secretKeyFile,
    Duration accessTokenTtl, Duration refreshTokenTtl, Duration refreshReuseGrace,
    Duration sessionMaxLifetime, int maxSessionsPerUser,
    Duration verificationCodeTtl, Duration unverifiedAccountTtl, Duration purgeInterval,
    Duration auditRetention,
    String adminEmail, String adminPassword,
    int passwordMinLength, int argon2MemoryKib, int argon2Iterations, int argon2Parallelism,
    int passwordHashQueue,
    int loginFailuresPerAccount, Duration loginFailureWindow, int rateLimitPerAddress,
    List<String> trustedProxies, List<String> corsAllowedOrigins,
    boolean metricsEnabled, String logFormat) {

  private static final Pattern IP_V4_LITERAL =
      Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  /** Thrown when settings are missing or invalid; the message lists every problem. */
  static final class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidSettingsException(List<String> problems) {
      super("invalid configuration:\n  - " + String.join("\n  - ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }

  static Settings from(Environment env) {
    Reader r = new Reader(env);
    Settings settings = new Settings(
        r.text("HTTP_HOST", "0.0.0.0"), r.port("HTTP_PORT", 8080),
        r.text("MANAGEMENT_HOST", r.text("HTTP_HOST", "0.0.0.0")),
        r.port("MANAGEMENT_PORT", 9000), r.durationOrZero("SHUTDOWN_DRAIN", "PT0S"),
        r.secret("DATABASE_URL", true, null), r.required("DATABASE_USER"),
        r.secret("DATABASE_PASSWORD", false, ""),
        r.integer("DATABASE_POOL_SIZE", 10, 1, 200),
        r.secret("REDIS_URL", !r.isSet("REDIS_CLUSTER_NODES"), null),
        r.text("REDIS_CLUSTER_NODES", null), r.secret("REDIS_PASSWORD", false, null),
        r.text("REDIS_KEY_PREFIX", "us:"),
        r.required("SMTP_HOST"), r.port("SMTP_PORT", 25), r.text("SMTP_USERNAME", null),
        r.secret("SMTP_PASSWORD", false, null),
        r.oneOf("SMTP_SECURITY", "none", "none", "starttls", "tls"),
        r.text("MAIL_FROM", "no-reply@localhost"), r.integer("MAIL_MAX_ATTEMPTS", 8, 1, 100),
        r.duration("MAIL_RETENTION", "P7D"),
        r.bool("FAKE_MAIL_ENABLED", false), r.port("FAKE_SMTP_PORT", 1025),
        r.path("JWT_PRIVATE_KEY_FILE", true), r.path("JWT_PREVIOUS_PUBLIC_KEYS_FILE", false),
        r.text("JWT_ISSUER", "user-service"), r.text("JWT_AUDIENCE", "user-service"),
        r.path("SECRET_KEY_FILE", true),
        r.duration("ACCESS_TOKEN_TTL", "PT15M"), r.duration("REFRESH_TOKEN_TTL", "P30D"),
        r.duration("REFRESH_REUSE_GRACE", "PT10S"),
        r.duration("SESSION_MAX_LIFETIME", "P90D"),
        r.integer("MAX_SESSIONS_PER_USER", 100, 1, 100_000),
        r.duration("VERIFICATION_CODE_TTL", "PT10M"),
        r.duration("UNVERIFIED_ACCOUNT_TTL", "P2D"), r.duration("PURGE_INTERVAL", "PT5M"),
        r.duration("AUDIT_RETENTION", "P365D"),
        r.text("ADMIN_EMAIL", "admin@localhost"), r.secret("ADMIN_PASSWORD", false, null),
        r.integer("PASSWORD_MIN_LENGTH", 8, 1, 128),
        r.integer("ARGON2_MEMORY_KIB", 19456, 8, 4 * 1024 * 1024),
        r.integer("ARGON2_ITERATIONS", 2, 1, 100), r.integer("ARGON2_PARALLELISM", 1, 1, 64),
        r.integer("PASSWORD_HASH_QUEUE", Argon2PasswordHasher.DEFAULT_QUEUE_PER_THREAD
            * Runtime.getRuntime().availableProcessors(), 0, 1_000_000),
        r.integer("LOGIN_FAILURES_PER_ACCOUNT", 5, 1, 1000),
        r.duration("LOGIN_FAILURE_WINDOW", "PT15M"),
        r.integer("RATE_LIMIT_PER_ADDRESS", 60, 1, 1_000_000),
        r.list("TRUSTED_PROXIES"), r.list("CORS_ALLOWED_ORIGINS"),
        r.bool("METRICS_ENABLED", true), r.oneOf("LOG_FORMAT", "text", "text", "json"));
    if (settings.redisUrl() != null && settings.redisClusterNodes() != null) {
      r.problems.add("REDIS_URL and REDIS_CLUSTER_NODES are both set; set REDIS_URL for one server"
          + " or Sentinel, REDIS_CLUSTER_NODES for a Redis Cluster");
    }
    if (!r.problems.isEmpty()) {
      throw new InvalidSettingsException(r.problems);
    }
    return settings;
  }

  /**
   * The settings for {@code start}: those of {@link #from} plus the rules a production start
   * must keep. The fake mail client serves every letter, codes included, to anyone who can reach
   * the HTTP port, so it runs only where nothing but this machine can reach that port.
   */
  static Settings forStart(Environment env) {
    Settings settings = from(env);
    if (settings.fakeMailEnabled() && !isLoopback(settings.httpHost())) {
      throw new InvalidSettingsException(List.of("FAKE_MAIL_ENABLED=true serves every letter,"
          + " codes included, on the HTTP port, so under start it needs HTTP_HOST on loopback"
          + " (127.0.0.1, ::1 or localhost), not '" + settings.httpHost() + "'; set"
          + " FAKE_MAIL_ENABLED=false and a real SMTP server, or use start-dev"));
    }
    return settings;
  }

  /**
   * Whether {@code host} names only this machine: {@code localhost} or a loopback address
   * literal. Other names are not resolved (what they resolve to can change); they count as not
   * loopback.
   */
  static boolean isLoopback(String host) {
    String bare = host.strip();
    if (bare.startsWith("[") && bare.endsWith("]")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!IP_V4_LITERAL.matcher(bare).matches() && !bare.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Only the database settings, for {@code migrate}, which needs nothing else. */
  static PostgresSettings database(Environment env) {
    Reader r = new Reader(env);
    String url = r.secret("DATABASE_URL", true, null);
    String user = r.required("DATABASE_USER");
    String password = r.secret("DATABASE_PASSWORD", false, "");
    if (!r.problems.isEmpty()) {
      throw new InvalidSettingsException(r.problems);
    }
    return new PostgresSettings(url, user, password, 2);
  }

  @Override
  public String toString() {
    return "Settings[http=" + httpHost + ":" + httpPort + ", management=" + managementHost + ":"
        + managementPort + ", database=" + redactUrl(databaseUrl)
        + ", redis=" + (redisClusterNodes != null ? "cluster " + redactUrl(redisClusterNodes)
        : redactUrl(redisUrl)) + ", smtp=" + smtpHost + ":" + smtpPort
        + " (" + smtpSecurity + "), fakeMail=" + fakeMailEnabled + "]";
  }

  /**
   * The URL the Redis adapter connects to: {@code REDIS_URL}, or the cluster's seed nodes
   * ({@code host:port,…}, each may carry a scheme) as one {@code redis://} URL.
   */
  String redisConnectionUrl() {
    if (redisClusterNodes == null) {
      return redisUrl;
    }
    return redisClusterNodes.contains("://") ? redisClusterNodes : "redis://" + redisClusterNodes;
  }

  /**
   * Hides a password in a {@code scheme://user:password@host} URL, in a {@code password=} query
   * parameter (JDBC) and in Lettuce's {@code redis://password@host} form.
   */
  static String redactUrl(String url) {
    return url == null ? null : url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@")
        .replaceAll("(?i)([?&;]password=)[^&;]*", "$1***")
        .replaceAll("^(rediss?(?:-sentinel)?://)[^:/@]+@", "$1***@");
  }

  /** Reads one variable at a time, collecting problems instead of stopping at the first. */
  private static final class Reader {

    private final Environment env;
    private final List<String> problems = new ArrayList<>();

    Reader(Environment env) {
      this.env = env;
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

    Duration duration(String name, String fallback) {
      Duration value = parse(name, Duration.parse(fallback), text -> {
        Duration parsed = Duration.parse(text);
        if (parsed.isNegative() || parsed.isZero()) {
          throw new IllegalArgumentException("must be positive");
        }
        return parsed;
      }, "an ISO-8601 duration such as PT15M or P2D");
      return value;
    }

    Duration durationOrZero(String name, String fallback) {
      return parse(name, Duration.parse(fallback), text -> {
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
}
