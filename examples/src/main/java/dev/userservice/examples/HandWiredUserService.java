package dev.userservice.examples;

import dev.userservice.adapter.crypto.AccessTokenSettings;
import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.adapter.crypto.JwtAccessTokens;
import dev.userservice.adapter.crypto.NbvcxzPasswordBlocklist;
import dev.userservice.adapter.crypto.SecureRandomSource;
import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.adapter.crypto.SigningKeys;
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
import dev.userservice.adapter.redis.RedisTokenStore;
import dev.userservice.adapter.smtp.SmtpMailer;
import dev.userservice.adapter.webhooks.JdkWebhookSender;
import dev.userservice.adapter.webhooks.WebhookSenderSettings;
import dev.userservice.application.BackgroundJobs;
import dev.userservice.application.EventListeners;
import dev.userservice.application.Ports;
import dev.userservice.application.SecurityPolicy;
import dev.userservice.application.UserService;
import dev.userservice.application.WebhookPorts;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.EventListener;
import io.lettuce.core.RedisClient;
import jakarta.mail.Session;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The service wired by hand, the way an application that embeds the library would: over the
 * application's own PostgreSQL pool, Lettuce client and mail session, an adapter for every port,
 * then {@link UserService#create} builds the use cases and {@link BackgroundJobs} sends the mail
 * and the webhooks and purges. The application keeps owning what it passed in: {@link #close()} stops the jobs
 * and closes the one Redis connection opened here, nothing else.
 */
public final class HandWiredUserService implements AutoCloseable {

  public final UserService service;
  public final BackgroundJobs jobs;
  private final RedisConnection redis;

  /**
   * Migrates the service's schema ({@code user_service}: the application's own tables and Flyway
   * history stay as they are) and builds the service.
   *
   * @param secret the server secret every instance shares (production: {@code ServerSecret.load})
   * @param signingKeys the access tokens' keys, RSA or EC P-256 (production:
   *     {@code SigningKeys.load})
   * @param listeners hear every event (say, to call a webhook)
   */
  public HandWiredUserService(DataSource dataSource, RedisClient redisClient, Session mail,
      ServerSecret secret, SigningKeys signingKeys, EventListener... listeners) {
    PostgresDatabase database = PostgresDatabase.using(dataSource);
    database.migrate();
    redis = RedisConnection.on(redisClient, "users:", Duration.ofSeconds(1));
    Clock clock = new SystemClock();
    var accessTokens = new JwtAccessTokens(signingKeys, AccessTokenSettings.defaults());
    service = UserService.create(new Ports(
        new JooqUserRepository(database.dsl(), secret.box("totp")),
        new JooqOAuthClients(database.dsl()),
        new JooqAuditTrail(database.dsl()),
        new InMemoryUserCache(),
        new RedisTokenStore(redis),
        new JooqMailOutbox(database.dsl(), secret.box("mail-outbox")),
        SmtpMailer.using(mail, "no-reply@example.com", "Example"),
        new MustacheLetterRenderer(LetterSettings.defaults()),
        new InMemoryResetRequestQueue(),
        new Argon2PasswordHasher(Argon2Settings.defaults()),
        new NbvcxzPasswordBlocklist(),
        accessTokens,
        secret.hasher("codes"),
        new SecureRandomSource(),
        clock,
        new WebhookPorts(new JooqWebhookEndpoints(database.dsl()),
            new JooqWebhookOutbox(database.dsl()),
            new JdkWebhookSender(WebhookSenderSettings.defaults()), secret.box("webhooks"))),
        SecurityPolicy.defaults(), EventListeners.of(listeners));
    jobs = new BackgroundJobs(service, database.jobLock());
  }

  /** Starts the jobs: mail every second, the purge and prunes every hour. */
  public HandWiredUserService start() {
    jobs.start(BackgroundJobs.Schedule.defaults());
    return this;
  }

  /** Stops the jobs (one last mail run), then closes this service's Redis connection. */
  @Override
  public void close() {
    try {
      jobs.close();
    } finally {
      redis.close();
    }
  }
}
