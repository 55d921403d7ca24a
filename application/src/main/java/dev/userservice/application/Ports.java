package dev.userservice.application;

import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.AuditTrail;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.LetterRenderer;
import dev.userservice.domain.port.LoginFailures;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.Mailer;
import dev.userservice.domain.port.OAuthClients;
import dev.userservice.domain.port.PasswordBlocklist;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.RandomSource;
import dev.userservice.domain.port.RateLimiter;
import dev.userservice.domain.port.ResetRequestQueue;
import dev.userservice.domain.port.SessionStore;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserCache;
import dev.userservice.domain.port.UserRepository;
import java.util.Objects;

/**
 * An adapter for every port the application uses, from which {@link UserService#create} builds
 * every use case. The four roles of fast security state may come from one {@link TokenStore}
 * (the Redis and in-memory adapters are one) or from separate stores.
 *
 * @param auditTrail where events are recorded; the one {@code users} and {@code oauthClients}
 *     write the events of their changes to (the same database), so the trail holds every event
 * @param letters writes the letters use cases queue, in each user's language
 * @param codeHasher keys the hashes of one-time codes and of OAuth client secrets; every instance
 *     must share its secret
 * @param webhooks the endpoints, outbox, sender and secret box of webhooks
 */
public record Ports(
    UserRepository users,
    OAuthClients oauthClients,
    AuditTrail auditTrail,
    UserCache userCache,
    SessionStore sessions,
    CodeStore codes,
    RateLimiter rateLimiter,
    LoginFailures loginFailures,
    MailOutbox outbox,
    Mailer mailer,
    LetterRenderer letters,
    ResetRequestQueue resetRequests,
    PasswordHasher passwordHasher,
    PasswordBlocklist commonPasswords,
    AccessTokens accessTokens,
    KeyedHasher codeHasher,
    RandomSource random,
    Clock clock,
    WebhookPorts webhooks) {

  public Ports {
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(oauthClients, "oauthClients");
    Objects.requireNonNull(auditTrail, "auditTrail");
    Objects.requireNonNull(userCache, "userCache");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(rateLimiter, "rateLimiter");
    Objects.requireNonNull(loginFailures, "loginFailures");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(mailer, "mailer");
    Objects.requireNonNull(letters, "letters");
    Objects.requireNonNull(resetRequests, "resetRequests");
    Objects.requireNonNull(passwordHasher, "passwordHasher");
    Objects.requireNonNull(commonPasswords, "commonPasswords");
    Objects.requireNonNull(accessTokens, "accessTokens");
    Objects.requireNonNull(codeHasher, "codeHasher");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(webhooks, "webhooks");
  }

  /** The ports, one {@code tokenStore} playing sessions, codes, rate limits and login failures. */
  public Ports(UserRepository users, OAuthClients oauthClients, AuditTrail auditTrail,
      UserCache userCache, TokenStore tokenStore, MailOutbox outbox, Mailer mailer,
      LetterRenderer letters, ResetRequestQueue resetRequests, PasswordHasher passwordHasher,
      PasswordBlocklist commonPasswords, AccessTokens accessTokens, KeyedHasher codeHasher,
      RandomSource random, Clock clock, WebhookPorts webhooks) {
    this(users, oauthClients, auditTrail, userCache, tokenStore, tokenStore, tokenStore,
        tokenStore, outbox, mailer, letters, resetRequests, passwordHasher, commonPasswords,
        accessTokens, codeHasher, random, clock, webhooks);
  }
}
