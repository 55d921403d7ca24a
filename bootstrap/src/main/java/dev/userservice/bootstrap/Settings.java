package dev.userservice.bootstrap;

import dev.userservice.adapter.crypto.AccessTokenSettings;
import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.adapter.http.HttpSettings;
import dev.userservice.adapter.http.console.ConsoleSettings;
import dev.userservice.adapter.mustache.LetterSettings;
import dev.userservice.adapter.postgres.PostgresSettings;
import dev.userservice.adapter.redis.RedisSettings;
import dev.userservice.adapter.smtp.SmtpSettings;
import dev.userservice.adapter.webhooks.WebhookSenderSettings;
import dev.userservice.application.DeliverMail;
import dev.userservice.application.PruneAuditTrail;
import dev.userservice.application.PruneMailOutbox;
import dev.userservice.application.SecurityPolicy;
import dev.userservice.application.WebhookSettings;
import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Every setting of the service (SPEC §5), read from the {@link Environment} and checked at once:
 * {@link #from} names every missing or invalid variable in one error. The settings of adapters
 * and use cases are their own records, each read by one reader method below from its variables
 * and handed to its class as it is; the rest are the bootstrap's own. A default the record
 * declares is the variable's default too. Secrets are never part of {@link #toString()}.
 *
 * @param webhooks how webhooks are delivered and sent
 * @param fakeMailEnabled whether the dev jar's fake mail server and client run in-process
 * @param fakeSmtpPort the fake mail server's SMTP port
 * @param purgeInterval how often the purge and prune jobs run
 * @param passwordHashQueue password hashes that may wait for a core
 * @param metricsEnabled whether the management listener serves {@code /metrics}
 * @param logFormat {@code text} or {@code json}
 */
record Settings(
    Listeners listeners,
    PostgresSettings database,
    Redis redis,
    SmtpSettings smtp,
    LetterSettings letters,
    DeliverMail.Settings deliverMail,
    PruneMailOutbox.Settings pruneMailOutbox,
    Webhooks webhooks,
    boolean fakeMailEnabled, int fakeSmtpPort,
    KeyFiles keyFiles,
    AccessTokenSettings accessTokens,
    SecurityPolicy policy,
    Duration purgeInterval,
    PruneAuditTrail.Settings pruneAuditTrail,
    Admin admin,
    Argon2Settings argon2, int passwordHashQueue,
    HttpSettings http,
    AdminConsole adminConsole,
    boolean metricsEnabled, String logFormat) {

  /** Two connections: Flyway holds its PostgreSQL lock on one while it migrates on the other. */
  private static final int MIGRATION_POOL_SIZE = 2;
  private static final Pattern IP_V4_LITERAL =
      Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  /**
   * Where the service listens, and for how long the API keeps serving once readiness has turned
   * 503 on SIGTERM.
   */
  record Listeners(String httpHost, int httpPort, String managementHost, int managementPort,
      Duration shutdownDrain) {}

  /**
   * The Redis adapter's settings; {@code cluster} when they name a Redis Cluster's seed nodes
   * rather than one server or Sentinel.
   */
  record Redis(RedisSettings connection, boolean cluster) {}

  /**
   * The files that hold the keys: the access tokens' signing key, earlier signing keys' public
   * keys still accepted ({@code null} for none), and the server secret.
   */
  record KeyFiles(Path jwtPrivateKey, Path jwtPreviousPublicKeys, Path secretKey) {}

  /** How webhooks are delivered (the use case's settings) and sent (the sender's). */
  record Webhooks(WebhookSettings delivery, WebhookSenderSettings sender) {}

  /**
   * The admin console ({@code /admin}): whether it is served, and how long its sessions last
   * idle and at most.
   */
  record AdminConsole(boolean enabled, Duration idleTimeout, Duration maxLifetime) {

    AdminConsole {
      if (idleTimeout.isZero() || idleTimeout.isNegative()) {
        throw new IllegalArgumentException("must be positive");
      }
      if (maxLifetime.compareTo(idleTimeout) < 0) {
        throw new IllegalArgumentException("ADMIN_CONSOLE_MAX_LIFETIME (" + maxLifetime
            + ") must not be shorter than ADMIN_CONSOLE_IDLE_TIMEOUT (" + idleTimeout + ")");
      }
    }
  }

  /** The first administrator, made at start-up when none exists; no password: generate one. */
  record Admin(String email, String password) {

    @Override
    public String toString() {
      return "Admin[email=" + email + ", password=" + (password == null ? "none" : "***") + "]";
    }
  }

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

  /** Reads every setting; problems are listed in the order of the arguments below. */
  static Settings from(Environment env) {
    SettingsReader r = new SettingsReader(env);
    Listeners listeners = listeners(r);
    String publicUrl = publicUrl(r, listeners);
    return r.done(new Settings(
        listeners,
        database(r, r.integer("DATABASE_POOL_SIZE", 10, 1, 200)),
        redis(r),
        smtp(r),
        letters(r),
        deliverMail(r),
        pruneMailOutbox(r),
        webhooks(r),
        r.bool("FAKE_MAIL_ENABLED", false), r.port("FAKE_SMTP_PORT", 1025),
        keyFiles(r),
        accessTokens(r, publicUrl),
        policy(r),
        r.duration("PURGE_INTERVAL", Duration.ofMinutes(5)),
        pruneAuditTrail(r),
        admin(r),
        argon2(r),
        r.integer("PASSWORD_HASH_QUEUE", Argon2PasswordHasher.DEFAULT_QUEUE_PER_THREAD
            * Runtime.getRuntime().availableProcessors(), 0, 1_000_000),
        http(r, publicUrl),
        adminConsole(r),
        r.bool("METRICS_ENABLED", true), r.oneOf("LOG_FORMAT", "text", "text", "json")));
  }

  /**
   * The settings for {@code start}: those of {@link #from} plus the rules a production start
   * must keep. The fake mail client serves every letter, codes included, to anyone who can reach
   * the HTTP port, so it runs only where nothing but this machine can reach that port.
   */
  static Settings forStart(Environment env) {
    Settings settings = from(env);
    if (env.get("PUBLIC_URL").isEmpty()) {
      // Not refused: a service only its own clients call works without it, as before. But the
      // token issuer and the metadata documents name this URL, and other services compare it
      // with the one they were given.
      LoggerFactory.getLogger(Settings.class).warn("PUBLIC_URL is not set; the token issuer and"
          + " the OAuth metadata name {}, the listening address; set PUBLIC_URL to the URL"
          + " clients reach the API at (e.g. https://users.example.com)",
          settings.http().publicUrl());
    }
    String httpHost = settings.listeners().httpHost();
    if (settings.fakeMailEnabled() && !isLoopback(httpHost)) {
      throw new InvalidSettingsException(List.of("FAKE_MAIL_ENABLED=true serves every letter,"
          + " codes included, on the HTTP port, so under start it needs HTTP_HOST on loopback"
          + " (127.0.0.1, ::1 or localhost), not '" + httpHost + "'; set"
          + " FAKE_MAIL_ENABLED=false and a real SMTP server, or use start-dev"));
    }
    return settings;
  }

  /** Only the database settings, for {@code migrate}, which needs nothing else. */
  static PostgresSettings database(Environment env) {
    SettingsReader r = new SettingsReader(env);
    return r.done(database(r, MIGRATION_POOL_SIZE));
  }

  private static Listeners listeners(SettingsReader r) {
    String httpHost = r.text("HTTP_HOST", "0.0.0.0");
    return new Listeners(httpHost, r.port("HTTP_PORT", 8080),
        r.text("MANAGEMENT_HOST", httpHost), r.port("MANAGEMENT_PORT", 9000),
        r.durationOrZero("SHUTDOWN_DRAIN", Duration.ZERO));
  }

  private static PostgresSettings database(SettingsReader r, int poolSize) {
    String url = r.secret("DATABASE_URL", true, null);
    String user = r.required("DATABASE_USER");
    String password = r.secret("DATABASE_PASSWORD", false, "");
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      // Not echoed: the URL may carry the password.
      r.problem("DATABASE_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/name)");
    }
    String schema = r.text("DATABASE_SCHEMA", PostgresSettings.DEFAULT_SCHEMA);
    return r.build("DATABASE_SCHEMA",
        () -> new PostgresSettings(url, user, password, poolSize, schema));
  }

  /** One server or Sentinel ({@code REDIS_URL}), or a cluster ({@code REDIS_CLUSTER_NODES}). */
  private static Redis redis(SettingsReader r) {
    String url = r.secret("REDIS_URL", !r.isSet("REDIS_CLUSTER_NODES"), null);
    String clusterNodes = r.text("REDIS_CLUSTER_NODES", null);
    String password = r.secret("REDIS_PASSWORD", false, null);
    String keyPrefix = r.text("REDIS_KEY_PREFIX", RedisSettings.DEFAULT_KEY_PREFIX);
    if (url != null && clusterNodes != null) {
      r.problem("REDIS_URL and REDIS_CLUSTER_NODES are both set; set REDIS_URL for one server"
          + " or Sentinel, REDIS_CLUSTER_NODES for a Redis Cluster");
    }
    boolean cluster = clusterNodes != null;
    // The cluster's seed nodes (host:port,…, each may carry a scheme) as one redis:// URL.
    String connectTo = !cluster ? url
        : clusterNodes.contains("://") ? clusterNodes : "redis://" + clusterNodes;
    return r.build("REDIS_URL, REDIS_CLUSTER_NODES, REDIS_KEY_PREFIX", () -> new Redis(
        new RedisSettings(connectTo, keyPrefix, RedisSettings.DEFAULT_COMMAND_TIMEOUT, password),
        cluster));
  }

  private static SmtpSettings smtp(SettingsReader r) {
    String host = r.required("SMTP_HOST");
    int port = r.integer("SMTP_PORT", 25, 1, 65535);
    String username = r.text("SMTP_USERNAME", null);
    String password = r.secret("SMTP_PASSWORD", false, null);
    String security = r.oneOf("SMTP_SECURITY", "none", "none", "starttls", "tls");
    String from = r.text("MAIL_FROM", "no-reply@localhost");
    String fromName = r.text("MAIL_FROM_NAME", appName(r));
    return r.build("SMTP_USERNAME, SMTP_PASSWORD", () -> new SmtpSettings(host, port, username,
        password, SmtpSettings.Security.parse(security), from, fromName,
        SmtpSettings.DEFAULT_CONNECT_TIMEOUT, SmtpSettings.DEFAULT_READ_TIMEOUT));
  }

  private static String appName(SettingsReader r) {
    return r.text("APP_NAME", LetterSettings.DEFAULT_APP_NAME);
  }

  private static LetterSettings letters(SettingsReader r) {
    String appName = appName(r);
    String supportEmail = r.text("SUPPORT_EMAIL", null);
    String logoUrl = r.text("MAIL_LOGO_URL", null);
    String verifyUrl = r.text("VERIFY_URL_TEMPLATE", null);
    String resetUrl = r.text("RESET_URL_TEMPLATE", null);
    String inviteUrl = r.text("INVITE_URL_TEMPLATE", null);
    String templatesDir = r.text("MAIL_TEMPLATES_DIR", null);
    if (templatesDir != null && !Files.isDirectory(Path.of(templatesDir))) {
      r.problem("MAIL_TEMPLATES_DIR names no readable directory: " + templatesDir);
    }
    return r.build("MAIL_LOGO_URL, VERIFY_URL_TEMPLATE, RESET_URL_TEMPLATE, INVITE_URL_TEMPLATE",
        () -> new LetterSettings(appName, supportEmail, logoUrl, verifyUrl, resetUrl,
            templatesDir == null ? null : Path.of(templatesDir), inviteUrl));
  }

  private static DeliverMail.Settings deliverMail(SettingsReader r) {
    DeliverMail.Settings defaults = DeliverMail.Settings.defaults();
    return defaults.withMaxAttempts(
        r.integer("MAIL_MAX_ATTEMPTS", defaults.maxAttempts(), 1, 100));
  }

  private static Webhooks webhooks(SettingsReader r) {
    WebhookSettings defaults = WebhookSettings.defaults();
    WebhookSettings delivery = defaults.with(
        r.integer("WEBHOOK_MAX_ATTEMPTS", defaults.maxAttempts(), 1, 100),
        r.duration("WEBHOOK_DISABLE_AFTER", defaults.disableAfter()),
        r.duration("WEBHOOK_SECRET_GRACE", defaults.secretGrace()));
    WebhookSenderSettings sender = new WebhookSenderSettings(
        r.bool("WEBHOOK_ALLOW_HTTP", false), r.bool("WEBHOOK_ALLOW_PRIVATE", false),
        r.duration("WEBHOOK_TIMEOUT", WebhookSenderSettings.defaults().timeout()));
    if (sender.timeout().compareTo(delivery.lease().dividedBy(2)) >= 0) {
      r.problem("WEBHOOK_TIMEOUT must be shorter than " + delivery.lease().dividedBy(2)
          + ", half a delivery's lease");
    }
    return new Webhooks(delivery, sender);
  }

  private static PruneMailOutbox.Settings pruneMailOutbox(SettingsReader r) {
    return new PruneMailOutbox.Settings(r.duration("MAIL_RETENTION",
        PruneMailOutbox.Settings.defaults().retention()));
  }

  private static KeyFiles keyFiles(SettingsReader r) {
    return new KeyFiles(r.path("JWT_PRIVATE_KEY_FILE", true),
        r.path("JWT_PREVIOUS_PUBLIC_KEYS_FILE", false), r.path("SECRET_KEY_FILE", true));
  }

  /**
   * {@code PUBLIC_URL}, or the URL of the listening address: {@code HTTP_HOST}, with a wildcard
   * address read as {@code localhost}, and {@code HTTP_PORT}. In start-dev (loopback, a fixed
   * port) that is the actual listening URL.
   */
  private static String publicUrl(SettingsReader r, Listeners listeners) {
    String host = listeners.httpHost().strip();
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "localhost";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    String url = r.text("PUBLIC_URL", "http://" + host + ":" + listeners.httpPort());
    return r.build("PUBLIC_URL", () -> HttpSettings.publicUrl(url));
  }

  private static AccessTokenSettings accessTokens(SettingsReader r, String publicUrl) {
    AccessTokenSettings defaults = AccessTokenSettings.defaults();
    String issuer = r.text("JWT_ISSUER", publicUrl == null ? defaults.issuer() : publicUrl);
    String audience = r.text("JWT_AUDIENCE", defaults.audience());
    Duration ttl = r.duration("ACCESS_TOKEN_TTL", defaults.ttl());
    List<String> appMetadataClaims = r.list("APP_METADATA_CLAIMS");
    r.build("ACCESS_TOKEN_TTL", () -> new AccessTokenSettings(issuer, audience, ttl));
    return r.build("APP_METADATA_CLAIMS",
        () -> new AccessTokenSettings(issuer, audience, ttl, appMetadataClaims));
  }

  /** The rules of the use cases; those without a variable keep their defaults. */
  private static SecurityPolicy policy(SettingsReader r) {
    SecurityPolicy defaults = SecurityPolicy.defaults();
    return new SecurityPolicy(
        new PasswordPolicy(r.integer("PASSWORD_MIN_LENGTH", PasswordPolicy.DEFAULT_MIN_LENGTH, 1,
            Password.MAX_LENGTH)),
        sessionRules(r, defaults.sessions()),
        codeRules(r, defaults.codes()),
        throttling(r, defaults.throttling()),
        r.duration("UNVERIFIED_ACCOUNT_TTL", defaults.unverifiedAccountTtl()),
        secondFactorRules(r, defaults.secondFactor()));
  }

  /** Authenticator apps list the account under the product's name, as its letters sign. */
  private static SecurityPolicy.SecondFactorRules secondFactorRules(SettingsReader r,
      SecurityPolicy.SecondFactorRules defaults) {
    return new SecurityPolicy.SecondFactorRules(appName(r).replace(":", ""),
        defaults.recoveryCodes(), defaults.challengeTtl(), defaults.challengeAttempts());
  }

  private static SecurityPolicy.SessionRules sessionRules(SettingsReader r,
      SecurityPolicy.SessionRules defaults) {
    return new SecurityPolicy.SessionRules(
        r.duration("REFRESH_TOKEN_TTL", defaults.refreshTokenTtl()),
        r.duration("REFRESH_REUSE_GRACE", defaults.refreshReuseGrace()),
        r.duration("SESSION_MAX_LIFETIME", defaults.maxLifetime()),
        r.integer("MAX_SESSIONS_PER_USER", defaults.maxPerUser(), 1, 100_000));
  }

  private static SecurityPolicy.CodeRules codeRules(SettingsReader r,
      SecurityPolicy.CodeRules defaults) {
    return new SecurityPolicy.CodeRules(r.duration("VERIFICATION_CODE_TTL", defaults.ttl()),
        defaults.maxAttempts(), defaults.resendLimits(), defaults.resetGuessCap(),
        r.duration("INVITATION_TTL", defaults.invitationTtl()));
  }

  private static SecurityPolicy.Throttling throttling(SettingsReader r,
      SecurityPolicy.Throttling defaults) {
    return new SecurityPolicy.Throttling(
        r.integer("LOGIN_FAILURES_PER_ACCOUNT", defaults.loginFailuresPerAccount(), 1, 1000),
        r.duration("LOGIN_FAILURE_WINDOW", defaults.loginFailureWindow()),
        r.integer("RATE_LIMIT_PER_ADDRESS", defaults.requestsPerAddressPerMinute(), 1,
            1_000_000));
  }

  private static PruneAuditTrail.Settings pruneAuditTrail(SettingsReader r) {
    return new PruneAuditTrail.Settings(r.duration("AUDIT_RETENTION",
        PruneAuditTrail.Settings.defaults().retention()));
  }

  private static Admin admin(SettingsReader r) {
    return new Admin(r.text("ADMIN_EMAIL", "admin@localhost"),
        r.secret("ADMIN_PASSWORD", false, null));
  }

  private static Argon2Settings argon2(SettingsReader r) {
    Argon2Settings defaults = Argon2Settings.defaults();
    int memoryKib = r.integer("ARGON2_MEMORY_KIB", defaults.memoryKib(), 8, 4 * 1024 * 1024);
    int iterations = r.integer("ARGON2_ITERATIONS", defaults.iterations(), 1, 100);
    int parallelism = r.integer("ARGON2_PARALLELISM", defaults.parallelism(), 1, 64);
    return r.build("ARGON2_MEMORY_KIB, ARGON2_PARALLELISM",
        () -> new Argon2Settings(memoryKib, iterations, parallelism));
  }

  private static AdminConsole adminConsole(SettingsReader r) {
    boolean enabled = r.bool("ADMIN_CONSOLE_ENABLED", false);
    Duration idle = r.duration("ADMIN_CONSOLE_IDLE_TIMEOUT", ConsoleSettings.DEFAULT_IDLE_TIMEOUT);
    Duration lifetime = r.duration("ADMIN_CONSOLE_MAX_LIFETIME",
        ConsoleSettings.DEFAULT_MAX_LIFETIME);
    return r.build("ADMIN_CONSOLE_IDLE_TIMEOUT",
        () -> new AdminConsole(enabled, idle, lifetime));
  }

  private static HttpSettings http(SettingsReader r, String publicUrl) {
    List<String> corsAllowedOrigins = r.list("CORS_ALLOWED_ORIGINS");
    List<String> trustedProxies = r.list("TRUSTED_PROXIES");
    return r.build("TRUSTED_PROXIES", () -> new HttpSettings(corsAllowedOrigins, trustedProxies,
        HttpSettings.DEFAULT_MAX_BODY_BYTES, publicUrl));
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

  @Override
  public String toString() {
    return "Settings[http=" + listeners.httpHost() + ":" + listeners.httpPort()
        + ", management=" + listeners.managementHost() + ":" + listeners.managementPort()
        + ", database=" + redactUrl(database.jdbcUrl())
        + ", redis=" + (redis.cluster() ? "cluster " : "") + redactUrl(redis.connection().url())
        + ", smtp=" + smtp.host() + ":" + smtp.port() + " (" + smtp.security() + ")"
        + ", fakeMail=" + fakeMailEnabled + ", adminConsole=" + adminConsole.enabled() + "]";
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
}
