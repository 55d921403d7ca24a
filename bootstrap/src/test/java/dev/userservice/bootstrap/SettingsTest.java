package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.userservice.adapter.mustache.LetterSettings;
import dev.userservice.adapter.smtp.SmtpSettings;
import dev.userservice.adapter.webhooks.WebhookSenderSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SettingsTest {

  @TempDir
  Path dir;

  @Test
  void start_withNothingConfigured_namesEveryMissingSetting() {
    assertThatThrownBy(() -> Settings.from(new Environment(Map.of())))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
            assertThat(e.problems()).containsExactly(
                "DATABASE_URL is required", "DATABASE_USER is required", "REDIS_URL is required",
                "SMTP_HOST is required", "JWT_PRIVATE_KEY_FILE is required",
                "SECRET_KEY_FILE is required"));
  }

  @Test
  @DisplayName("finding 8: start requires SECRET_KEY_FILE and names it when missing or unreadable")
  void start_withoutTheSecretKeyFile_namesIt() throws IOException {
    Map<String, String> env = required();
    env.remove("SECRET_KEY_FILE");
    assertThatThrownBy(() -> Settings.from(new Environment(env)))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
            assertThat(e.problems()).containsExactly("SECRET_KEY_FILE is required"));

    env.put("SECRET_KEY_FILE", dir.resolve("missing.key").toString());
    assertThatThrownBy(() -> Settings.from(new Environment(env)))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
            assertThat(e.problems()).singleElement().asString()
                .startsWith("SECRET_KEY_FILE names no readable file"));
  }

  @Test
  void invalidValues_areNamedWithWhatWasExpected_withoutEchoingSecrets() throws IOException {
    Map<String, String> env = required();
    env.put("HTTP_PORT", "eighty");
    env.put("ACCESS_TOKEN_TTL", "15 minutes");
    env.put("SMTP_SECURITY", "ssl");
    env.put("METRICS_ENABLED", "maybe");
    env.put("ARGON2_ITERATIONS", "0");
    env.put("SMTP_PASSWORD", "hunter2-secret");

    assertThatThrownBy(() -> Settings.from(new Environment(env)))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e -> {
          assertThat(e.problems()).hasSize(5);
          assertThat(e.getMessage()).contains("HTTP_PORT", "ACCESS_TOKEN_TTL", "SMTP_SECURITY",
              "METRICS_ENABLED", "ARGON2_ITERATIONS").doesNotContain("hunter2");
        });
  }

  @Test
  void valuesAnAdapterRefusesTogether_areNamedAtReading_withoutEchoingSecrets()
      throws IOException {
    Map<String, String> passwordWithoutUser = required();
    passwordWithoutUser.put("SMTP_PASSWORD", "hunter2-secret");
    Map<String, String> notPostgres = required();
    notPostgres.put("DATABASE_URL", "jdbc:mysql://db/users?password=hunter2");

    assertThat(refusal(passwordWithoutUser)).startsWith("SMTP_USERNAME, SMTP_PASSWORD: ");
    assertThat(refusal(notPostgres)).startsWith("DATABASE_URL must be a PostgreSQL JDBC URL");
  }

  /** The one problem {@code env} has, checked not to quote the secret {@code hunter2}. */
  private static String refusal(Map<String, String> env) {
    var refused = catchThrowableOfType(Settings.InvalidSettingsException.class,
        () -> Settings.from(new Environment(env)));
    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.getMessage()).doesNotContain("hunter2");
    assertThat(refused.problems()).hasSize(1);
    return refused.problems().get(0);
  }

  @Test
  void appMetadataClaims_areNamedMembers_neverARegisteredClaim() throws IOException {
    Map<String, String> env = required();
    env.put("APP_METADATA_CLAIMS", " plan, tenant_id ,");
    assertThat(Settings.from(new Environment(env)).accessTokens().appMetadataClaims())
        .containsExactly("plan", "tenant_id");
    assertThat(Settings.from(new Environment(required())).accessTokens().appMetadataClaims())
        .isEmpty();

    for (String registered : List.of("sub", "roles", "email", "scope")) {
      env.put("APP_METADATA_CLAIMS", "plan," + registered);
      assertThat(refusal(env)).startsWith("APP_METADATA_CLAIMS: '" + registered
          + "' is a registered claim");
    }
  }

  @Test
  void migrate_needsOnlyTheDatabaseSettings() {
    assertThatThrownBy(() -> Settings.database(new Environment(Map.of())))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
            assertThat(e.problems()).containsExactly(
                "DATABASE_URL is required", "DATABASE_USER is required"));
    var database = Settings.database(new Environment(Map.of(
        "DATABASE_URL", "jdbc:postgresql://localhost/db", "DATABASE_USER", "app")));
    assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db");
    assertThat(database.password()).isEmpty();
    assertThat(database.schema()).isEqualTo("user_service");
  }

  @Test
  void databaseSchema_isRead_andANameTheServiceCannotOwnIsNamed() {
    assertThat(Settings.database(new Environment(Map.of("DATABASE_URL",
        "jdbc:postgresql://localhost/db", "DATABASE_USER", "app", "DATABASE_SCHEMA", "accounts")))
        .schema()).isEqualTo("accounts");
    assertThatThrownBy(() -> Settings.database(new Environment(Map.of("DATABASE_URL",
        "jdbc:postgresql://localhost/db", "DATABASE_USER", "app", "DATABASE_SCHEMA", "public"))))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
            assertThat(e.problems()).singleElement().asString()
                .startsWith("DATABASE_SCHEMA: the schema must be a name of the service's own"));
  }

  @Test
  void defaults_areThoseOfTheSpecification() throws IOException {
    Settings settings = Settings.from(new Environment(required()));

    assertThat(settings.listeners().httpPort()).isEqualTo(8080);
    assertThat(settings.database().poolSize()).isEqualTo(10);
    assertThat(settings.smtp().port()).isEqualTo(25);
    assertThat(settings.smtp().security()).isEqualTo(SmtpSettings.Security.NONE);
    assertThat(settings.deliverMail().maxAttempts()).isEqualTo(8);
    assertThat(settings.pruneMailOutbox().retention()).isEqualTo(Duration.ofDays(7));
    assertThat(settings.fakeMailEnabled()).isFalse();
    assertThat(settings.adminConsole()).isEqualTo(new Settings.AdminConsole(false,
        Duration.ofMinutes(30), Duration.ofHours(8)));
    assertThat(settings.accessTokens().ttl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(settings.policy().sessions().refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(settings.policy().sessions().refreshReuseGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.policy().unverifiedAccountTtl()).isEqualTo(Duration.ofDays(2));
    assertThat(settings.purgeInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.admin().email()).isEqualTo("admin@localhost");
    assertThat(settings.admin().password()).isNull();
    assertThat(settings.argon2().memoryKib()).isEqualTo(19456);
    assertThat(settings.passwordHashQueue())
        .isEqualTo(16 * Runtime.getRuntime().availableProcessors());
    assertThat(settings.policy().sessions().maxLifetime()).isEqualTo(Duration.ofDays(90));
    assertThat(settings.policy().sessions().maxPerUser()).isEqualTo(100);
    assertThat(settings.http().trustedProxies()).isEmpty();
    assertThat(settings.webhooks().sender().allowHttp()).isFalse();
    assertThat(settings.webhooks().sender().allowPrivate()).isFalse();
    assertThat(settings.webhooks().sender().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.webhooks().delivery().maxAttempts()).isEqualTo(8);
    assertThat(settings.webhooks().delivery().disableAfter()).isEqualTo(Duration.ofDays(3));
    assertThat(settings.webhooks().delivery().secretGrace()).isEqualTo(Duration.ofHours(24));
    assertThat(settings.toString()).doesNotContain("secret-db-password");
  }

  @Test
  void adminConsoleSettings_areRead_andALifetimeShorterThanTheIdleTimeout_isNamed()
      throws IOException {
    Map<String, String> env = required();
    env.put("ADMIN_CONSOLE_ENABLED", "true");
    env.put("ADMIN_CONSOLE_IDLE_TIMEOUT", "PT10M");
    env.put("ADMIN_CONSOLE_MAX_LIFETIME", "PT2H");
    assertThat(Settings.from(new Environment(env)).adminConsole()).isEqualTo(
        new Settings.AdminConsole(true, Duration.ofMinutes(10), Duration.ofHours(2)));

    env.put("ADMIN_CONSOLE_MAX_LIFETIME", "PT5M");
    assertThatThrownBy(() -> Settings.from(new Environment(env)))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
            assertThat(e.problems()).singleElement().satisfies(problem -> assertThat(problem)
                .contains("ADMIN_CONSOLE_MAX_LIFETIME (PT5M) must not be shorter than")));
  }

  @Test
  void webhookSettings_areRead_andATimeoutBeyondHalfTheLease_isNamed() throws IOException {
    Map<String, String> env = required();
    env.put("WEBHOOK_ALLOW_HTTP", "true");
    env.put("WEBHOOK_ALLOW_PRIVATE", "yes");
    env.put("WEBHOOK_MAX_ATTEMPTS", "3");
    env.put("WEBHOOK_DISABLE_AFTER", "PT6H");
    env.put("WEBHOOK_SECRET_GRACE", "PT1H");
    env.put("WEBHOOK_TIMEOUT", "PT5S");
    Settings.Webhooks webhooks = Settings.from(new Environment(env)).webhooks();
    assertThat(webhooks.sender()).isEqualTo(
        new WebhookSenderSettings(true, true, Duration.ofSeconds(5)));
    assertThat(webhooks.delivery().maxAttempts()).isEqualTo(3);
    assertThat(webhooks.delivery().disableAfter()).isEqualTo(Duration.ofHours(6));
    assertThat(webhooks.delivery().secretGrace()).isEqualTo(Duration.ofHours(1));

    env.put("WEBHOOK_TIMEOUT", "PT3M");
    env.put("WEBHOOK_MAX_ATTEMPTS", "0");
    assertThatThrownBy(() -> Settings.from(new Environment(env)))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
            assertThat(e.problems()).hasSize(2).anySatisfy(problem ->
                assertThat(problem).startsWith("WEBHOOK_TIMEOUT must be shorter than PT2M30S")));
  }

  @Test
  void publicUrl_defaultsToTheListeningAddress_andIsTheDefaultIssuer() throws IOException {
    Settings everywhere = Settings.from(new Environment(required()));
    Map<String, String> env = required();
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", "9999");
    Settings loopback = Settings.from(new Environment(env));
    env.put("HTTP_HOST", "::1");
    Settings v6 = Settings.from(new Environment(env));

    assertThat(everywhere.http().publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(everywhere.accessTokens().issuer()).isEqualTo("http://localhost:8080");
    assertThat(loopback.http().publicUrl()).isEqualTo("http://127.0.0.1:9999");
    assertThat(loopback.accessTokens().issuer()).isEqualTo("http://127.0.0.1:9999");
    assertThat(v6.http().publicUrl()).isEqualTo("http://[::1]:9999");
  }

  @Test
  void publicUrl_losesItsTrailingSlash_andAnExplicitIssuerIsKept() throws IOException {
    Map<String, String> env = required();
    env.put("PUBLIC_URL", "https://users.example.com/auth/");
    Settings settings = Settings.from(new Environment(env));
    env.put("JWT_ISSUER", "user-service");
    Settings legacyIssuer = Settings.from(new Environment(env));

    assertThat(settings.http().publicUrl()).isEqualTo("https://users.example.com/auth");
    assertThat(settings.accessTokens().issuer()).isEqualTo("https://users.example.com/auth");
    assertThat(legacyIssuer.http().publicUrl()).isEqualTo("https://users.example.com/auth");
    assertThat(legacyIssuer.accessTokens().issuer()).isEqualTo("user-service");
  }

  @Test
  void publicUrl_thatIsNotAnAbsoluteHttpUrlWithoutQueryOrFragment_isNamed() throws IOException {
    for (String url : List.of("users.example.com", "ftp://users.example.com", "https://",
        "https://users.example.com/?a=b", "https://users.example.com/#top",
        "https://user:pw@users.example.com", "http://exa mple.com")) {
      Map<String, String> env = required();
      env.put("PUBLIC_URL", url);
      assertThatThrownBy(() -> Settings.from(new Environment(env))).as(url)
          .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
              assertThat(e.problems()).singleElement().asString().startsWith("PUBLIC_URL: "));
    }
  }

  @Test
  void start_withoutPublicUrl_warnsNamingTheUrlUsed_butStarts() throws IOException {
    Map<String, String> env = required();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger logger = (Logger) LoggerFactory.getLogger(Settings.class);
    logger.addAppender(logged);
    try {
      assertThat(Settings.forStart(new Environment(env)).http().publicUrl())
          .isEqualTo("http://localhost:8080");
      env.put("PUBLIC_URL", "https://users.example.com");
      Settings.forStart(new Environment(env));
    } finally {
      logger.detachAppender(logged);
    }

    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains("PUBLIC_URL", "http://localhost:8080");
    });
  }

  @Test
  void aDotEnvFileIsRead_andTheEnvironmentWinsOverIt() throws IOException {
    Path dotEnv = dir.resolve(".env");
    Files.writeString(dotEnv, """
        # comment
        HTTP_PORT=9090
        export JWT_ISSUER="issuer-from-file"
        TRUSTED_PROXIES=10.0.0.1, 10.0.0.0/8
        """);
    Map<String, String> process = required();
    process.put("HTTP_PORT", "7070");

    Settings settings = Settings.from(Environment.load(dotEnv, process));

    assertThat(settings.listeners().httpPort()).isEqualTo(7070);
    assertThat(settings.accessTokens().issuer()).isEqualTo("issuer-from-file");
    assertThat(settings.http().trustedProxies()).isEqualTo(List.of("10.0.0.1", "10.0.0.0/8"));
  }

  @Test
  void finding15_fakeMailUnderStart_isRefusedUnlessHttpHostIsLoopback() throws IOException {
    for (String host : List.of("0.0.0.0", "192.0.2.10", "::", "example.com", "127.0.0.1.nip.io")) {
      Map<String, String> env = required();
      env.put("FAKE_MAIL_ENABLED", "true");
      env.put("HTTP_HOST", host);
      assertThatThrownBy(() -> Settings.forStart(new Environment(env))).as(host)
          .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
              assertThat(e.getMessage()).contains("FAKE_MAIL_ENABLED", "HTTP_HOST", host));
    }
    Map<String, String> unset = required();
    unset.put("FAKE_MAIL_ENABLED", "true");
    assertThatThrownBy(() -> Settings.forStart(new Environment(unset)))
        .as("HTTP_HOST defaults to every interface")
        .isInstanceOf(Settings.InvalidSettingsException.class);

    for (String host : List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost")) {
      Map<String, String> env = required();
      env.put("FAKE_MAIL_ENABLED", "true");
      env.put("HTTP_HOST", host);
      assertThat(Settings.forStart(new Environment(env)).fakeMailEnabled()).as(host).isTrue();
    }
    Map<String, String> noFakeMail = required();
    noFakeMail.put("HTTP_HOST", "0.0.0.0");
    assertThat(Settings.forStart(new Environment(noFakeMail)).listeners().httpHost())
        .isEqualTo("0.0.0.0");
  }

  @Test
  void finding15_startWithFakeMailOnEveryInterface_exitsNamingTheSetting() throws IOException {
    Map<String, String> env = required();
    env.put("FAKE_MAIL_ENABLED", "true");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = Main.run(new String[] {"start"}, new Environment(env),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAKE_MAIL_ENABLED", "HTTP_HOST");
  }

  @Test
  void letterSettings_areRead_andTheSendersNameDefaultsToTheAppName() throws IOException {
    Map<String, String> env = required();
    env.put("APP_NAME", "Acme Cloud");
    env.put("SUPPORT_EMAIL", "help@acme.example");
    env.put("MAIL_LOGO_URL", "https://acme.example/logo.png");
    env.put("VERIFY_URL_TEMPLATE", "https://app.acme.example/verify?email={email}&code={code}");
    env.put("MAIL_TEMPLATES_DIR", dir.toString());
    env.put("INVITE_URL_TEMPLATE", "https://app.acme.example/join?code={code}");
    env.put("INVITATION_TTL", "P3D");

    Settings settings = Settings.from(new Environment(env));
    Settings defaults = Settings.from(new Environment(required()));

    assertThat(settings.letters()).isEqualTo(new LetterSettings("Acme Cloud", "help@acme.example",
        "https://acme.example/logo.png",
        "https://app.acme.example/verify?email={email}&code={code}", null, dir,
        "https://app.acme.example/join?code={code}"));
    assertThat(settings.policy().codes().invitationTtl()).isEqualTo(java.time.Duration.ofDays(3));
    assertThat(defaults.policy().codes().invitationTtl()).isEqualTo(java.time.Duration.ofDays(7));
    assertThat(settings.smtp().fromName()).isEqualTo("Acme Cloud");
    assertThat(defaults.letters()).isEqualTo(LetterSettings.defaults());
    assertThat(defaults.smtp().fromName()).isEqualTo("User Service");
    env.put("MAIL_FROM_NAME", "Acme Accounts");
    assertThat(Settings.from(new Environment(env)).smtp().fromName()).isEqualTo("Acme Accounts");
    // Authenticator apps list one-time passwords under the same name; a colon would end the label.
    assertThat(settings.policy().secondFactor().issuer()).isEqualTo("Acme Cloud");
    assertThat(defaults.policy().secondFactor().issuer()).isEqualTo("User Service");
    env.put("APP_NAME", "Acme: Cloud");
    assertThat(Settings.from(new Environment(env)).policy().secondFactor().issuer())
        .isEqualTo("Acme Cloud");
  }

  @Test
  void urlTemplatesWithoutACode_orNotAbsoluteHttp_andAMissingTemplatesDir_areNamed()
      throws IOException {
    Map<String, String> noCode = required();
    noCode.put("VERIFY_URL_TEMPLATE", "https://app.example/verify?email={email}");
    Map<String, String> relative = required();
    relative.put("RESET_URL_TEMPLATE", "/reset?code={code}");
    Map<String, String> inviteNoCode = required();
    inviteNoCode.put("INVITE_URL_TEMPLATE", "https://app.example/join");
    Map<String, String> noDir = required();
    noDir.put("MAIL_TEMPLATES_DIR", dir.resolve("absent").toString());

    assertThat(refusal(noCode)).contains("VERIFY_URL_TEMPLATE must contain {code}");
    assertThat(refusal(relative)).contains("RESET_URL_TEMPLATE must be an absolute http(s) URL");
    assertThat(refusal(inviteNoCode)).contains("INVITE_URL_TEMPLATE must contain {code}");
    assertThat(refusal(noDir)).startsWith("MAIL_TEMPLATES_DIR names no readable directory");
  }

  @Test
  void aBrokenTemplateOverride_stopsTheStart_namingTheTemplateAndLine() throws IOException {
    Path templates = Files.createDirectories(dir.resolve("templates/en"));
    Files.writeString(templates.resolve("password_changed.text.mustache"),
        "Your password\nwas changed at {{at}\n");
    Map<String, String> env = required();
    env.put("MAIL_TEMPLATES_DIR", templates.getParent().toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = Main.run(new String[] {"start"}, new Environment(env),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("MAIL_TEMPLATES_DIR", "en/password_changed.text.mustache line 2");
  }

  @Test
  void theServerJar_hasNoStartDev_andRefusesFakeMail() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"start-dev"}, new Environment(Map.of()),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("user-service-dev.jar");

    Map<String, String> env = required();
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("FAKE_MAIL_ENABLED", "true");
    assertThatThrownBy(() -> Wiring.start(Settings.forStart(new Environment(env))))
        .isInstanceOf(Settings.InvalidSettingsException.class)
        .hasMessageContaining("dev jar");
  }

  /** Every secret setting, with a value it may take. */
  private static final Map<String, String> SECRETS = Map.of(
      "DATABASE_URL", "jdbc:postgresql://db.internal/users?password=from-url",
      "DATABASE_PASSWORD", "db pass word",
      "REDIS_URL", "redis://:redis-pass@cache.internal:6379/0",
      "REDIS_PASSWORD", "redis-password",
      "SMTP_PASSWORD", "smtp-password",
      "ADMIN_PASSWORD", "a long administrator passphrase");

  @Test
  void everySecret_canComeFromTheFileItsFileTwinNames_withoutTheFinalLineBreak()
      throws IOException {
    Map<String, String> env = required();
    env.put("SMTP_USERNAME", "mailer"); // an SMTP password without it is refused
    for (var secret : SECRETS.entrySet()) {
      env.remove(secret.getKey());
      Path file = Files.writeString(dir.resolve(secret.getKey().toLowerCase()),
          secret.getValue() + "\n");
      env.put(secret.getKey() + "_FILE", file.toString());
    }

    Settings settings = Settings.from(new Environment(env));

    assertThat(settings.database().jdbcUrl()).isEqualTo(SECRETS.get("DATABASE_URL"));
    assertThat(settings.database().password()).isEqualTo("db pass word");
    assertThat(settings.redis().connection().url()).isEqualTo(SECRETS.get("REDIS_URL"));
    assertThat(settings.redis().connection().password()).isEqualTo("redis-password");
    assertThat(settings.smtp().password()).isEqualTo("smtp-password");
    assertThat(settings.admin().password()).isEqualTo("a long administrator passphrase");
    assertThat(settings.toString()).doesNotContain("from-url", "redis-pass");
    assertThat(Settings.database(new Environment(env)).password()).isEqualTo("db pass word");
  }

  @Test
  void aSecretAndItsFileTwin_together_areAConfigurationError() throws IOException {
    Map<String, String> env = required();
    for (var secret : SECRETS.entrySet()) {
      env.put(secret.getKey(), secret.getValue());
      Path file = Files.writeString(dir.resolve(secret.getKey().toLowerCase()),
          secret.getValue());
      env.put(secret.getKey() + "_FILE", file.toString());
    }

    assertThatThrownBy(() -> Settings.from(new Environment(env)))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e -> {
          assertThat(e.problems()).containsExactlyInAnyOrderElementsOf(SECRETS.keySet().stream()
              .map(name -> name + " and " + name + "_FILE are both set; set only one")
              .toList());
          assertThat(e.getMessage()).doesNotContain("db pass word", "smtp-password");
        });
    assertThatThrownBy(() -> Settings.database(new Environment(env)))
        .isInstanceOf(Settings.InvalidSettingsException.class)
        .hasMessageContaining("DATABASE_PASSWORD and DATABASE_PASSWORD_FILE are both set");
  }

  @Test
  void aFileTwinNamingNoReadableFile_isNamed() throws IOException {
    Map<String, String> env = required();
    env.remove("DATABASE_PASSWORD");
    env.put("DATABASE_PASSWORD_FILE", dir.resolve("missing").toString());

    assertThatThrownBy(() -> Settings.from(new Environment(env)))
        .isInstanceOfSatisfying(Settings.InvalidSettingsException.class, e ->
            assertThat(e.problems()).containsExactly(
                "DATABASE_PASSWORD_FILE names no readable file: " + dir.resolve("missing")));
  }

  private Map<String, String> required() throws IOException {
    Path key = dir.resolve("key.pem");
    Files.writeString(key, "not read by Settings");
    Path secret = dir.resolve("secret.key");
    Files.writeString(secret, "not read by Settings either");
    return new HashMap<>(Map.of(
        "DATABASE_URL", "jdbc:postgresql://localhost/db", "DATABASE_USER", "app",
        "DATABASE_PASSWORD", "secret-db-password", "REDIS_URL", "redis://localhost",
        "SMTP_HOST", "localhost", "JWT_PRIVATE_KEY_FILE", key.toString(),
        "SECRET_KEY_FILE", secret.toString()));
  }
}
