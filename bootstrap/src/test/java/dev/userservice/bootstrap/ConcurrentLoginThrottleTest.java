package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.crypto.AccessTokenSettings;
import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.adapter.crypto.JwtAccessTokens;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.SecureRandomSource;
import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.adapter.crypto.SigningKeys;
import dev.userservice.adapter.inmemory.InMemoryMailOutbox;
import dev.userservice.adapter.inmemory.InMemoryMailer;
import dev.userservice.adapter.inmemory.InMemoryOAuthClients;
import dev.userservice.adapter.inmemory.InMemoryPasswordBlocklist;
import dev.userservice.adapter.inmemory.InMemoryResetRequestQueue;
import dev.userservice.adapter.inmemory.InMemoryUserCache;
import dev.userservice.adapter.inmemory.InMemoryUserRepository;
import dev.userservice.adapter.inmemory.InMemoryWebhooks;
import dev.userservice.adapter.inmemory.SystemClock;
import dev.userservice.adapter.mustache.LetterSettings;
import dev.userservice.adapter.mustache.MustacheLetterRenderer;
import dev.userservice.adapter.redis.RedisConnection;
import dev.userservice.adapter.redis.RedisSettings;
import dev.userservice.adapter.redis.RedisTokenStore;
import dev.userservice.adapter.webhooks.JdkWebhookSender;
import dev.userservice.adapter.webhooks.WebhookSenderSettings;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.Ports;
import dev.userservice.application.SecurityPolicy;
import dev.userservice.application.UserService;
import dev.userservice.application.WebhookPorts;
import dev.userservice.domain.Email;
import dev.userservice.domain.Password;
import dev.userservice.domain.Role;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The login use case over the real Redis store, raced from many threads: the throttle must hold
 * where the attempts really meet, in one Lua script per key.
 */
class ConcurrentLoginThrottleTest {

  private static final String PASSWORD = "correct horse battery";

  @Test
  @DisplayName("issue 17 #1: concurrent guesses against one account, on Redis, get at most the "
      + "free attempts answered; the rest are throttled")
  void concurrentGuesses_getAtMostTheFreeAttemptsAnswered() throws Exception {
    SecurityPolicy policy = SecurityPolicy.defaults();
    Clock clock = new SystemClock();
    InMemoryUserRepository users = new InMemoryUserRepository();
    Argon2PasswordHasher hasher = new Argon2PasswordHasher(new Argon2Settings(1024, 1, 1));
    Email email = new Email("raced@example.com");
    users.insert(User.register(new UserId(UUID.randomUUID()), email, null, null,
        hasher.hash(new Password(PASSWORD)), Role.USER, clock.now()));
    RedisSettings redisSettings = new RedisSettings(TestServices.environment().get("REDIS_URL"),
        TestServices.freshKeyPrefix("login-race"), Duration.ofSeconds(5));
    int guesses = 24;
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    try (RedisConnection redis = new RedisConnection(redisSettings)) {
      SecureRandomSource random = new SecureRandomSource();
      InMemoryWebhooks webhookStore = new InMemoryWebhooks(users.auditTrail());
      WebhookPorts webhooks = new WebhookPorts(webhookStore, webhookStore,
          new JdkWebhookSender(WebhookSenderSettings.defaults()),
          ServerSecret.of(random.bytes(ServerSecret.MIN_BYTES)).box("webhooks"));
      AuthenticateUser login = UserService.create(new Ports(users,
          new InMemoryOAuthClients(users.auditTrail()), users.auditTrail(),
          new InMemoryUserCache(),
          new RedisTokenStore(redis), new InMemoryMailOutbox(), new InMemoryMailer(),
          new MustacheLetterRenderer(LetterSettings.defaults()),
          new InMemoryResetRequestQueue(), hasher, InMemoryPasswordBlocklist.of(),
          new JwtAccessTokens(SigningKeys.of(PemKeys.generate(2048)),
              AccessTokenSettings.defaults()),
          ServerSecret.of(random.bytes(ServerSecret.MIN_BYTES)).hasher("codes"), random, clock,
          webhooks), policy).authenticateUser();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<RuntimeException>> outcomes = new ArrayList<>();
      for (int i = 0; i < guesses; i++) {
        String guess = "wrong guess number " + i;
        outcomes.add(pool.submit(() -> {
          go.await();
          try {
            login.authenticate(new AuthenticateUser.Command(email.value(), guess, null));
            return null;
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      go.countDown();
      List<RuntimeException> failures = new ArrayList<>();
      for (Future<RuntimeException> outcome : outcomes) {
        failures.add(outcome.get(60, TimeUnit.SECONDS));
      }

      assertThat(failures).filteredOn(UnauthenticatedException.class::isInstance)
          .hasSize(policy.throttling().loginFailuresPerAccount());
      assertThat(failures).filteredOn(ThrottledException.class::isInstance)
          .hasSize(guesses - policy.throttling().loginFailuresPerAccount());
    } finally {
      pool.shutdownNow();
    }
  }
}
