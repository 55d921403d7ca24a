package dev.userservice.bootstrap;

import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.JwtAccessTokens;
import dev.userservice.adapter.crypto.NativeCrypto;
import dev.userservice.adapter.crypto.NbvcxzPasswordBlocklist;
import dev.userservice.adapter.crypto.SecureRandomSource;
import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.adapter.crypto.SigningKeys;
import dev.userservice.adapter.http.EventMetrics;
import dev.userservice.adapter.http.HttpApi;
import dev.userservice.adapter.http.HttpExtension;
import dev.userservice.adapter.http.ManagementApi;
import dev.userservice.adapter.http.console.ConsoleSettings;
import dev.userservice.adapter.inmemory.InMemoryResetRequestQueue;
import dev.userservice.adapter.inmemory.InMemoryUserCache;
import dev.userservice.adapter.inmemory.SystemClock;
import dev.userservice.adapter.mustache.LetterSettings;
import dev.userservice.adapter.mustache.MustacheLetterRenderer;
import dev.userservice.adapter.postgres.JooqAuditTrail;
import dev.userservice.adapter.postgres.JooqMailOutbox;
import dev.userservice.adapter.postgres.JooqOAuthClients;
import dev.userservice.adapter.postgres.JooqUserRepository;
import dev.userservice.adapter.postgres.JooqWebhookEndpoints;
import dev.userservice.adapter.postgres.JooqWebhookOutbox;
import dev.userservice.adapter.postgres.PostgresDatabase;
import dev.userservice.adapter.redis.RedisConnection;
import dev.userservice.adapter.redis.RedisConsoleSessions;
import dev.userservice.adapter.redis.RedisTokenStore;
import dev.userservice.adapter.smtp.SmtpMailer;
import dev.userservice.adapter.webhooks.JdkWebhookSender;
import dev.userservice.application.BackgroundJobs;
import dev.userservice.application.EnsureAdmin;
import dev.userservice.application.EventListeners;
import dev.userservice.application.Ports;
import dev.userservice.application.UserService;
import dev.userservice.application.WebhookPorts;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.Email;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.LetterRenderer;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserRepository;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service, built by hand from {@link Settings}: adapters, then the use cases through
 * {@link UserService#create}, the HTTP API and jobs.
 * {@link #close()} stops everything in reverse order of start: readiness turns 503 and the
 * {@code SHUTDOWN_DRAIN} passes, then HTTP, the management listener, jobs, fake mail, Redis and
 * the database pool stop.
 */
final class Wiring implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Wiring.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Settings settings;
  private final PostgresDatabase database;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpApi http;
  private final ManagementApi management;
  private final BackgroundJobs jobs;
  private final Argon2PasswordHasher hasher;
  private final UserService service;
  private final CountDownLatch drainCut = new CountDownLatch(1);

  /**
   * Something the dev jar runs inside the service (the fake mail server and client): started
   * with it, adding its routes and pages to the HTTP API, closed with it.
   */
  interface Addition extends AutoCloseable {

    HttpExtension http();

    @Override
    void close();

    /** An addition that adds {@code http} and ends with {@code close}. */
    static Addition of(HttpExtension http, Runnable close) {
      return new Addition() {
        @Override
        public HttpExtension http() {
          return http;
        }

        @Override
        public void close() {
          close.run();
        }
      };
    }
  }

  private Wiring(Settings settings, Function<Settings, Addition> fakeMailStarter) {
    if (settings.fakeMailEnabled() && fakeMailStarter == null) {
      throw new Settings.InvalidSettingsException(List.of("FAKE_MAIL_ENABLED=true needs the fake"
          + " mail server, which only the dev jar (user-service-dev.jar) carries; set"
          + " FAKE_MAIL_ENABLED=false and a real SMTP server"));
    }
    this.settings = settings;
    // First: a broken template stops the start before anything is opened.
    LetterRenderer letters = letters(settings.letters());
    StartupWork background = new StartupWork();
    StartupWork.Task<RedisConnection> connecting = background.beginOpening("redis-connect",
        () -> connectRedis(settings.redis(), registry));
    // AWS-LC must be in place before the signing key is read: a key read by the JDK's provider is
    // converted again for every signature (docs/performance.md, "AWS-LC before the signing key is
    // read").
    StartupWork.Task<NativeCrypto.Installed> nativeCrypto =
        background.begin("native-crypto", NativeCrypto::install);
    StartupWork.Task<NbvcxzPasswordBlocklist> commonPasswordsLoading =
        background.begin("common-passwords", NbvcxzPasswordBlocklist::new);
    try {
      database = own(new PostgresDatabase(settings.database(), registry));
      // Nothing touches the database before the migrations are joined.
      StartupWork.Task<Void> migrating = background.beginUsing("migrate", database::migrate);

      Clock clock = new SystemClock();
      SecureRandomSource random = new SecureRandomSource();
      Settings.KeyFiles keyFiles = settings.keyFiles();
      // One secret, one derived key per use: code hashes, sealed letter bodies, sealed webhook
      // signing secrets and sealed one-time password secrets.
      ServerSecret secret = ServerSecret.load(keyFiles.secretKey());
      KeyedHasher codeHasher = secret.hasher("codes");
      UserRepository users = new JooqUserRepository(database.dsl(), secret.box("totp"));
      JooqAuditTrail auditTrail = new JooqAuditTrail(database.dsl());
      JooqMailOutbox outbox = new JooqMailOutbox(database.dsl(), secret.box("mail-outbox"));
      MeteredMailOutbox meteredOutbox = new MeteredMailOutbox(outbox, clock, registry);
      WebhookPorts webhooks = new WebhookPorts(new JooqWebhookEndpoints(database.dsl()),
          new MeteredWebhookOutbox(new JooqWebhookOutbox(database.dsl()), clock, registry),
          new JdkWebhookSender(settings.webhooks().sender()), secret.box("webhooks"));
      BuildInfo.register(registry);
      InMemoryResetRequestQueue resetRequests = new InMemoryResetRequestQueue();
      hasher = new Argon2PasswordHasher(settings.argon2(),
          Runtime.getRuntime().availableProcessors(), settings.passwordHashQueue());
      NativeCrypto.Installed installed = nativeCrypto.join();
      SecretFiles.warnIfExposed(keyFiles.jwtPrivateKey(), "JWT_PRIVATE_KEY_FILE");
      SecretFiles.warnIfExposed(keyFiles.secretKey(), "SECRET_KEY_FILE");
      // The key's type decides the algorithm (RS256 or ES256), so the log names it once read.
      SigningKeys signingKeys =
          SigningKeys.load(keyFiles.jwtPrivateKey(), keyFiles.jwtPreviousPublicKeys());
      log.info(installed.describe(signingKeys.algorithm()));
      JwtAccessTokens accessTokens = new JwtAccessTokens(signingKeys, settings.accessTokens());

      // jakarta.mail 2.1 finds its StreamProvider by a ServiceLoader scan of the class path for
      // every body part, multipart and header block it builds or parses (jakartaee/mail-api#699,
      // #861), a cost paid per letter, sending and in the fake server (docs/performance.md,
      // "jakarta.mail's stream provider named"). Named, the class is
      // loaded by name instead: Angus Mail's, the one the scan finds. A -D setting wins. Set
      // here, for this process, not in the SMTP adapter: an application embedding that adapter
      // may load classes in ways a fixed name would not suit.
      System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
          "org.eclipse.angus.mail.util.MailStreamProvider");
      Addition fakeMail = settings.fakeMailEnabled() ? own(fakeMailStarter.apply(settings)) : null;
      SmtpMailer mailer = new SmtpMailer(settings.smtp());

      NbvcxzPasswordBlocklist commonPasswords = commonPasswordsLoading.join();
      RedisConnection redis = own(connecting.join());
      TokenStore tokenStore = new RedisTokenStore(redis);
      EventMetrics eventMetrics = new EventMetrics();
      service = UserService.create(new Ports(users,
          new JooqOAuthClients(database.dsl()), auditTrail, new InMemoryUserCache(), tokenStore,
          meteredOutbox, mailer, letters, resetRequests, hasher, commonPasswords, accessTokens,
          codeHasher, random, clock, webhooks), settings.policy(),
          settings.deliverMail(), settings.pruneMailOutbox(), settings.pruneAuditTrail(),
          settings.webhooks().delivery(), EventListeners.of(eventMetrics, new EventLog()));
      Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
      readiness.put("database", database::isReachable);
      readiness.put("redis", redis::ping);
      readiness.put("mail_queue", () -> {
        outbox.pending();
        return true;
      });
      Settings.AdminConsole console = settings.adminConsole();
      http = new HttpApi(service, settings.http(), accessTokens, clock, outbox::pending,
          registry, fakeMail == null ? null : fakeMail.http(), !console.enabled() ? null
              : new ConsoleSettings(new RedisConsoleSessions(redis), console.idleTimeout(),
                  console.maxLifetime()));
      management = new ManagementApi(readiness, settings.metricsEnabled() ? registry : null);
      eventMetrics.bindTo(registry);

      migrating.join();
      ensureAdmin(service.ensureAdmin(), settings.admin());

      jobs = own(new BackgroundJobs(service, database.jobLock()));
    } catch (RuntimeException e) {
      background.abandon(); // before the pool closes: not under a running migration
      close();
      throw e;
    }
  }

  /**
   * The letters' templates, every one compiled now: a broken or missing template in
   * {@code MAIL_TEMPLATES_DIR} stops the start like an invalid setting, named with its line.
   */
  private static LetterRenderer letters(LetterSettings settings) {
    try {
      return new MustacheLetterRenderer(settings);
    } catch (IllegalStateException e) {
      throw new Settings.InvalidSettingsException(List.of("MAIL_TEMPLATES_DIR: " + e.getMessage()));
    }
  }

  /** One server or Sentinel ({@code REDIS_URL}), or a cluster ({@code REDIS_CLUSTER_NODES}). */
  private static RedisConnection connectRedis(Settings.Redis redis,
      PrometheusMeterRegistry registry) {
    return redis.cluster() ? RedisConnection.cluster(redis.connection(), registry)
        : new RedisConnection(redis.connection(), registry);
  }

  /**
   * Builds and starts the service: migrations, first admin, jobs, the management listener, then
   * the HTTP server.
   */
  static Wiring start(Settings settings) {
    return start(settings, null);
  }

  /**
   * As {@link #start(Settings)}, with {@code fakeMailStarter} to start the fake mail server and
   * client when {@code FAKE_MAIL_ENABLED} is true; {@code null} where the jar has none (then
   * that setting is refused).
   */
  static Wiring start(Settings settings, Function<Settings, Addition> fakeMailStarter) {
    Wiring wiring = new Wiring(settings, fakeMailStarter);
    Settings.Listeners listeners = settings.listeners();
    try {
      wiring.jobs.start(BackgroundJobs.Schedule.every(settings.purgeInterval()));
      // The API listens before the management port does, so /health/ready never answers 200
      // while the API's port still refuses connections.
      wiring.http.start(listeners.httpHost(), listeners.httpPort());
      wiring.started.push(wiring.http::stop);
      wiring.management.start(listeners.managementHost(), listeners.managementPort());
      wiring.started.push(wiring.management::stop);
      wiring.started.push(wiring::drain);
      wiring.chooseArgon2();
      return wiring;
    } catch (RuntimeException e) {
      wiring.close();
      throw e;
    }
  }

  /**
   * Loads libsodium (or finds it cannot) and logs which Argon2 runs, once the service serves:
   * start-up is CPU-bound, and the first hash would make the choice anyway.
   */
  private void chooseArgon2() {
    Thread choosing = new Thread(() -> log.info(hasher.implementation()), "argon2-choice");
    choosing.setDaemon(true);
    choosing.start();
  }

  int httpPort() {
    return http.port();
  }

  int managementPort() {
    return management.port();
  }

  /**
   * The first step of stopping: readiness answers 503, so load balancers and Kubernetes take this
   * instance out of rotation, and the public listener keeps serving for {@code SHUTDOWN_DRAIN}
   * while they notice, before it closes.
   */
  private void drain() {
    management.shuttingDown();
    Duration drain = settings.listeners().shutdownDrain();
    if (drain.isZero()) {
      return;
    }
    log.info("draining for {} before the HTTP listener closes", drain);
    try {
      drainCut.await(drain.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends a drain under way at once; for tests, which must not wait on the clock. */
  void endDrain() {
    drainCut.countDown();
  }

  Settings settings() {
    return settings;
  }

  BackgroundJobs jobs() {
    return jobs;
  }

  /** The use cases, for commands that run them without serving (the jar's {@code import}). */
  UserService service() {
    return service;
  }

  /**
   * Builds the service as {@link #start} does (migrations, first administrator) but starts no
   * listener and no job: for a command that runs use cases and exits. Close it when done.
   */
  static Wiring open(Settings settings, Function<Settings, Addition> fakeMailStarter) {
    return new Wiring(settings, fakeMailStarter);
  }

  /**
   * Creates or promotes the first administrator when none exists. Either is logged at WARN: an
   * administrator appearing at start-up is worth an operator's attention. A start that would
   * promote an unverified account stops, naming the account and the ways out.
   */
  static void ensureAdmin(EnsureAdmin ensureAdmin, Settings.Admin admin) {
    EnsureAdmin.Outcome outcome;
    try {
      outcome = ensureAdmin.ensure(new EnsureAdmin.Command(
          Email.of(admin.email(), "ADMIN_EMAIL"),
          admin.password() == null ? null : Password.of(admin.password(), "ADMIN_PASSWORD")));
    } catch (ConflictException unverified) {
      throw new Settings.InvalidSettingsException(List.of("ADMIN_EMAIL: "
          + unverified.getMessage() + ". Either delete that account from the database, or set"
          + " ADMIN_EMAIL to another address (that administrator may promote the account once its"
          + " owner has verified it); then start again"));
    } catch (InvalidInputException invalid) {
      throw new Settings.InvalidSettingsException(invalid.errors().stream()
          .map(error -> error.field() + " " + error.message()).toList());
    }
    if (outcome.created()) {
      log.warn("no administrator existed: created the administrator {}", outcome.email());
      outcome.generatedPassword().ifPresent(password -> log.warn(
          "generated password for {} (shown once; change it after logging in): {}",
          outcome.email(), password));
    } else if (outcome.promoted()) {
      log.warn("no administrator existed: made the verified account {} (ADMIN_EMAIL) an"
          + " administrator", outcome.email());
    }
  }

  private <T extends AutoCloseable> T own(T resource) {
    started.push(resource);
    return resource;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable resource = started.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("while stopping {}: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
