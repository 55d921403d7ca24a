package dev.userservice.examples;

import dev.userservice.adapter.crypto.AccessTokenSettings;
import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.adapter.crypto.JwtAccessTokens;
import dev.userservice.adapter.crypto.NbvcxzPasswordBlocklist;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.RsaKeys;
import dev.userservice.adapter.crypto.SecureRandomSource;
import dev.userservice.adapter.crypto.ServerSecret;
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
import dev.userservice.application.EventListeners;
import dev.userservice.application.Ports;
import dev.userservice.application.SecurityPolicy;
import dev.userservice.application.UserService;
import dev.userservice.application.WebhookPorts;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.EventListener;

/**
 * The service wired by hand, the way an application that embeds the library would: pick an
 * adapter for every port, then let {@link UserService#create} build the use cases. Swap the
 * in-memory adapters for the PostgreSQL and Redis ones in production.
 */
public final class HandWiredUserService {

  public final InMemoryMailer mailer = new InMemoryMailer();
  public final UserService service;

  /** The service; every event also goes to {@code listeners} (say, to call a webhook). */
  public HandWiredUserService(EventListener... listeners) {
    Clock clock = new SystemClock();
    var random = new SecureRandomSource();
    // Production reads it from a file (ServerSecret.load) that every instance shares.
    var secret = ServerSecret.of(random.bytes(ServerSecret.MIN_BYTES));
    var codeHasher = secret.hasher("codes");
    var accessTokens = new JwtAccessTokens(RsaKeys.of(PemKeys.generate(2048)),
        AccessTokenSettings.defaults());

    var users = new InMemoryUserRepository();
    // Deliveries are queued as the trail records events; production uses the PostgreSQL stores.
    var webhooks = new InMemoryWebhooks(users.auditTrail());
    service = UserService.create(new Ports(users, new InMemoryOAuthClients(users.auditTrail()),
        users.auditTrail(), new InMemoryUserCache(),
        new InMemoryTokenStore(clock), new InMemoryMailOutbox(), mailer,
        new MustacheLetterRenderer(LetterSettings.defaults()),
        new InMemoryResetRequestQueue(), new Argon2PasswordHasher(Argon2Settings.defaults()),
        new NbvcxzPasswordBlocklist(), accessTokens, codeHasher, random, clock,
        new WebhookPorts(webhooks, webhooks, new JdkWebhookSender(
            WebhookSenderSettings.defaults()), secret.box("webhooks"))),
        SecurityPolicy.defaults(), EventListeners.of(listeners));
  }
}
