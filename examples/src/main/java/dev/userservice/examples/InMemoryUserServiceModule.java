package dev.userservice.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.userservice.adapter.crypto.AccessTokenSettings;
import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.adapter.crypto.JwtAccessTokens;
import dev.userservice.adapter.crypto.NbvcxzPasswordBlocklist;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.SecureRandomSource;
import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.adapter.crypto.SigningKeys;
import dev.userservice.adapter.inmemory.InMemoryAuditTrail;
import dev.userservice.adapter.inmemory.InMemoryMailOutbox;
import dev.userservice.adapter.inmemory.InMemoryMailer;
import dev.userservice.adapter.inmemory.InMemoryOAuthClients;
import dev.userservice.adapter.inmemory.InMemoryResetRequestQueue;
import dev.userservice.adapter.inmemory.InMemoryTokenStore;
import dev.userservice.adapter.inmemory.InMemoryUserCache;
import dev.userservice.adapter.inmemory.InMemoryUserRepository;
import dev.userservice.adapter.inmemory.InMemoryWebhooks;
import dev.userservice.adapter.inmemory.SystemClock;
import dev.userservice.adapter.mustache.LetterSettings;
import dev.userservice.adapter.mustache.MustacheLetterRenderer;
import dev.userservice.adapter.webhooks.JdkWebhookSender;
import dev.userservice.adapter.webhooks.WebhookSenderSettings;
import dev.userservice.application.DeliverMail;
import dev.userservice.application.EventListeners;
import dev.userservice.application.PruneAuditTrail;
import dev.userservice.application.PruneMailOutbox;
import dev.userservice.application.SecurityPolicy;
import dev.userservice.application.WebhookSettings;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.AuditTrail;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.LoginFailures;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.LetterRenderer;
import dev.userservice.domain.port.Mailer;
import dev.userservice.domain.port.OAuthClients;
import dev.userservice.domain.port.PasswordBlocklist;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.RateLimiter;
import dev.userservice.domain.port.ResetRequestQueue;
import dev.userservice.domain.port.SecretBox;
import dev.userservice.domain.port.SessionStore;
import dev.userservice.domain.port.UserCache;
import dev.userservice.domain.port.UserRepository;
import dev.userservice.domain.port.WebhookEndpoints;
import dev.userservice.domain.port.WebhookOutbox;
import dev.userservice.domain.port.WebhookSender;
import jakarta.inject.Singleton;

/**
 * The same service wired by Guice, which honours the {@code jakarta.inject} annotations on the
 * use cases, their helpers and the adapters: bind each port to an adapter and provide the
 * settings records; the use cases need no bindings of their own.
 */
public final class InMemoryUserServiceModule extends AbstractModule {

  @Override
  protected void configure() {
    bind(Clock.class).to(SystemClock.class);
    bind(UserRepository.class).to(InMemoryUserRepository.class);
    // The repositories write the events of their changes to this trail; a singleton, so they share
    // it.
    bind(AuditTrail.class).to(InMemoryAuditTrail.class);
    bind(OAuthClients.class).to(InMemoryOAuthClients.class);
    // One store plays every role of the token store; it is a singleton, so they share it.
    bind(SessionStore.class).to(InMemoryTokenStore.class);
    bind(CodeStore.class).to(InMemoryTokenStore.class);
    bind(RateLimiter.class).to(InMemoryTokenStore.class);
    bind(LoginFailures.class).to(InMemoryTokenStore.class);
    bind(UserCache.class).to(InMemoryUserCache.class);
    bind(MailOutbox.class).to(InMemoryMailOutbox.class);
    bind(Mailer.class).to(InMemoryMailer.class);
    bind(LetterRenderer.class).to(MustacheLetterRenderer.class);
    bind(LetterSettings.class).toInstance(LetterSettings.defaults());
    bind(ResetRequestQueue.class).to(InMemoryResetRequestQueue.class);
    bind(RandomSource.class).to(SecureRandomSource.class);
    bind(PasswordHasher.class).to(Argon2PasswordHasher.class);
    bind(PasswordBlocklist.class).to(NbvcxzPasswordBlocklist.class);
    bind(AccessTokens.class).to(JwtAccessTokens.class);
    bind(SecurityPolicy.class).toInstance(SecurityPolicy.defaults());
    bind(DeliverMail.Settings.class).toInstance(DeliverMail.Settings.defaults());
    bind(PruneMailOutbox.Settings.class).toInstance(PruneMailOutbox.Settings.defaults());
    bind(PruneAuditTrail.Settings.class).toInstance(PruneAuditTrail.Settings.defaults());
    bind(EventListeners.class).toInstance(EventListeners.none());
    bind(Argon2Settings.class).toInstance(Argon2Settings.defaults());
    bind(AccessTokenSettings.class).toInstance(AccessTokenSettings.defaults());
    bind(WebhookEndpoints.class).to(InMemoryWebhooks.class);
    bind(WebhookOutbox.class).to(InMemoryWebhooks.class);
    bind(WebhookSender.class).to(JdkWebhookSender.class);
    bind(WebhookSenderSettings.class).toInstance(WebhookSenderSettings.defaults());
    bind(WebhookSettings.class).toInstance(WebhookSettings.defaults());
  }

  /** Queues the events the audit trail records for the endpoints that receive them. */
  @Provides
  @Singleton
  InMemoryWebhooks webhooks(InMemoryAuditTrail trail) {
    return new InMemoryWebhooks(trail);
  }

  @Provides
  @Singleton
  SigningKeys signingKeys() {
    return SigningKeys.of(PemKeys.generate(2048));
  }

  /** A secret made here; production loads one file all instances share. */
  @Provides
  @Singleton
  ServerSecret serverSecret(RandomSource random) {
    return ServerSecret.of(random.bytes(ServerSecret.MIN_BYTES));
  }

  /** Keys the hashes of codes. */
  @Provides
  @Singleton
  KeyedHasher codeHasher(ServerSecret secret) {
    return secret.hasher("codes");
  }

  /** Seals webhook signing secrets. */
  @Provides
  @Singleton
  SecretBox webhookSecrets(ServerSecret secret) {
    return secret.box("webhooks");
  }
}
