package dev.userservice.spring;

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
import dev.userservice.adapter.webhooks.JdkWebhookSender;
import dev.userservice.adapter.webhooks.WebhookSenderSettings;
import dev.userservice.application.BackgroundJobs;
import dev.userservice.application.DeliverMail;
import dev.userservice.application.EventListeners;
import dev.userservice.application.Ports;
import dev.userservice.application.PruneAuditTrail;
import dev.userservice.application.PruneMailOutbox;
import dev.userservice.application.SecurityPolicy;
import dev.userservice.application.UserService;
import dev.userservice.application.WebhookPorts;
import dev.userservice.application.WebhookSettings;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.EventListener;
import dev.userservice.domain.port.Mailer;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The service inside a Spring Boot application: its ports over the host's {@link DataSource},
 * Lettuce client ({@link HostRedis}) and mail sender ({@link HostMail}), every use case a bean
 * (the {@link UserService} and each of its components, {@link UseCaseBeans}), and the
 * {@link BackgroundJobs} started and stopped with the context ({@link ScheduledJobs}; one
 * instance at a time for the purge and prunes, through PostgreSQL's advisory lock). Our tables
 * live in a schema of their own ({@code user-service.database.schema}), migrated here with their
 * own Flyway history, so the host's migrations and tables are never touched.
 *
 * <p>Beans a host may replace: {@link SecurityPolicy}, {@link Clock}; every {@link EventListener}
 * bean hears every event (after the audit trail).
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
    "org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration",
    "org.springframework.boot.autoconfigure.mail.MailSenderJndiConfiguration",
    "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration"})
@EnableConfigurationProperties(UserServiceProperties.class)
@Import(UseCaseBeans.class)
public class UserServiceAutoConfiguration {

  /** Our schema, migrated before anything reads it; the host's data source stays the host's. */
  @Bean
  PostgresDatabase userServiceDatabase(DataSource dataSource, UserServiceProperties properties) {
    PostgresDatabase database = PostgresDatabase.using(dataSource,
        properties.database().schema());
    database.migrate();
    return database;
  }

  @Bean
  RedisConnection userServiceRedis(BeanFactory beanFactory, UserServiceProperties properties) {
    return HostRedis.connect(beanFactory, properties.redis().keyPrefix(),
        properties.redis().commandTimeout());
  }

  @Bean
  Mailer userServiceMailer(BeanFactory beanFactory, UserServiceProperties properties) {
    UserServiceProperties.Mail mail = properties.mail();
    if (mail.from() == null || mail.from().isBlank()) {
      throw new IllegalStateException("user-service.mail.from is required: the sender of the"
          + " service's letters");
    }
    return HostMail.mailer(beanFactory, mail.from(), mail.fromName());
  }

  @Bean
  @ConditionalOnMissingBean
  SecurityPolicy userServiceSecurityPolicy() {
    return SecurityPolicy.defaults();
  }

  @Bean
  @ConditionalOnMissingBean
  Clock userServiceClock() {
    return new SystemClock();
  }

  @Bean
  JwtAccessTokens userServiceAccessTokens(UserServiceProperties properties) {
    return new JwtAccessTokens(
        SigningKeys.load(required(properties.jwtPrivateKeyFile(), "jwt-private-key-file"),
            properties.jwtPreviousPublicKeysFile()),
        new AccessTokenSettings(properties.issuer(), properties.audience(),
            properties.accessTokenTtl(), properties.appMetadataClaims()));
  }

  @Bean
  UserService userService(UserServiceProperties properties, PostgresDatabase database,
      RedisConnection redis, Mailer mailer, AccessTokens accessTokens, Clock clock,
      SecurityPolicy policy, ObjectProvider<EventListener> listeners) {
    ServerSecret secret = ServerSecret.load(required(properties.secretKeyFile(),
        "secret-key-file"));
    UserServiceProperties.Mail mail = properties.mail();
    UserServiceProperties.Argon2 argon2 = properties.argon2();
    Ports ports = new Ports(new JooqUserRepository(database.dsl(), secret.box("totp")),
        new JooqOAuthClients(database.dsl()), new JooqAuditTrail(database.dsl()),
        new InMemoryUserCache(), new RedisTokenStore(redis),
        new JooqMailOutbox(database.dsl(), secret.box("mail-outbox")), mailer,
        new MustacheLetterRenderer(new LetterSettings(mail.appName(), mail.supportEmail(), null,
            mail.verifyUrlTemplate(), mail.resetUrlTemplate(), mail.templatesDir())),
        new InMemoryResetRequestQueue(),
        new Argon2PasswordHasher(new Argon2Settings(argon2.memoryKib(), argon2.iterations(),
            argon2.parallelism())),
        new NbvcxzPasswordBlocklist(), accessTokens, secret.hasher("codes"),
        new SecureRandomSource(), clock,
        new WebhookPorts(new JooqWebhookEndpoints(database.dsl()),
            new JooqWebhookOutbox(database.dsl()),
            new JdkWebhookSender(new WebhookSenderSettings(properties.webhooks().allowHttp(),
                properties.webhooks().allowPrivate(), WebhookSenderSettings.defaults().timeout())),
            secret.box("webhooks")));
    return UserService.create(ports, policy, DeliverMail.Settings.defaults(),
        PruneMailOutbox.Settings.defaults(), PruneAuditTrail.Settings.defaults(),
        WebhookSettings.defaults(), new EventListeners(listeners.orderedStream().toList()));
  }

  /** The jobs, to run once from the host's own scheduler too. */
  @Bean
  BackgroundJobs userServiceBackgroundJobs(UserService service, PostgresDatabase database) {
    return new BackgroundJobs(service, database.jobLock());
  }

  /** The jobs on their schedule, unless {@code user-service.jobs.enabled=false}. */
  @Bean
  @ConditionalOnProperty(prefix = "user-service.jobs", name = "enabled", havingValue = "true",
      matchIfMissing = true)
  ScheduledJobs userServiceScheduledJobs(BackgroundJobs jobs, UserServiceProperties properties) {
    return new ScheduledJobs(jobs, properties.jobs().purgeInterval());
  }

  private static <T> T required(T value, String property) {
    return Objects.requireNonNull(value, () -> "user-service." + property + " is required");
  }
}
