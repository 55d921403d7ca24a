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
import dev.userservice.adapter.inmemory.InMemoryTokenStore;
import dev.userservice.adapter.inmemory.InMemoryUserRepository;
import dev.userservice.adapter.inmemory.SystemClock;
import dev.userservice.application.AuthenticateAccessToken;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.DeliverMail;
import dev.userservice.application.RegisterUser;
import dev.userservice.application.SecurityPolicy;
import dev.userservice.application.VerifyEmail;
import dev.userservice.domain.port.Clock;

/**
 * The use cases wired by hand, the way an application that embeds the library would: pick an
 * adapter for every port, then {@code new} the use cases you need. Swap the in-memory adapters
 * for the PostgreSQL and Redis ones in production.
 */
public final class HandWiredUserService {

  public final InMemoryMailer mailer = new InMemoryMailer();
  public final RegisterUser register;
  public final AuthenticateUser login;
  public final AuthenticateAccessToken authenticate;
  public final VerifyEmail verify;
  public final DeliverMail deliverMail;

  public HandWiredUserService() {
    Clock clock = new SystemClock();
    var users = new InMemoryUserRepository();
    var tokens = new InMemoryTokenStore(clock);
    var outbox = new InMemoryMailOutbox();
    var random = new SecureRandomSource();
    // Production reads it from a file (ServerSecret.load) that every instance shares.
    var codeHasher = ServerSecret.of(random.bytes(ServerSecret.MIN_BYTES)).hasher("codes");
    var hasher = new Argon2PasswordHasher(Argon2Settings.defaults());
    var accessTokens = new JwtAccessTokens(RsaKeys.of(PemKeys.generate(2048)),
        AccessTokenSettings.defaults());
    var policy = SecurityPolicy.defaults();

    register = new RegisterUser(users, tokens, outbox, hasher, new NbvcxzPasswordBlocklist(),
        random, codeHasher, clock, policy);
    login = new AuthenticateUser(users, tokens, accessTokens, hasher, random, clock, policy);
    authenticate = new AuthenticateAccessToken(accessTokens, tokens, clock);
    verify = new VerifyEmail(users, tokens, outbox, random, codeHasher, clock, policy);
    deliverMail = new DeliverMail(outbox, mailer, clock, DeliverMail.Settings.defaults());
  }
}
