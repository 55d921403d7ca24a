package dev.userservice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.SecureRandomSource;
import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.adapter.crypto.SigningKeys;
import dev.userservice.adapter.inmemory.InMemoryMailer;
import dev.userservice.application.AuthTokens;
import dev.userservice.application.AuthenticateAccessToken;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.DeliverMail;
import dev.userservice.application.GetOwnProfile;
import dev.userservice.application.LogOut;
import dev.userservice.application.PresentedRefreshToken;
import dev.userservice.application.RegisterUser;
import dev.userservice.application.UserService;
import dev.userservice.application.VerifyEmail;
import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.EventListener;
import dev.userservice.domain.port.Mailer;
import dev.userservice.fakemail.FakeMailServer;
import dev.userservice.fakemail.Mailbox;
import dev.userservice.fakemail.ReceivedMail;
import io.lettuce.core.RedisClient;
import jakarta.mail.Session;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Register, verify and log in without any HTTP: by hand over PostgreSQL, Redis and SMTP (the way
 * an application embeds the service), and through Guice over the in-memory adapters.
 */
class EmbeddingTest {

  private static final SigningKeys KEYS = SigningKeys.of(PemKeys.generate(2048));
  private static HikariDataSource hostPool;
  private static RedisClient hostRedis;
  private static FakeMailServer smtp;
  private static Session hostMail;

  /** What the host application already has: a pool, a Redis client, a mail session. */
  @BeforeAll
  static void theHostsResources() {
    Map<String, String> env = ExampleServices.environment();
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(env.get("DATABASE_URL"));
    pool.setUsername(env.get("DATABASE_USER"));
    pool.setPassword(env.get("DATABASE_PASSWORD"));
    pool.setMaximumPoolSize(4);
    hostPool = new HikariDataSource(pool);
    hostRedis = RedisClient.create(env.get("REDIS_URL"));
    smtp = new FakeMailServer(new Mailbox(), 0).start();
    Properties mail = new Properties();
    mail.put("mail.smtp.host", "127.0.0.1");
    mail.put("mail.smtp.port", String.valueOf(smtp.port()));
    mail.put("mail.smtp.connectiontimeout", "5000");
    mail.put("mail.smtp.timeout", "5000");
    hostMail = Session.getInstance(mail);
  }

  @AfterAll
  static void closeThem() {
    smtp.close();
    hostRedis.shutdown();
    hostPool.close();
  }

  private static HandWiredUserService wired(EventListener... listeners) {
    return new HandWiredUserService(hostPool, hostRedis, hostMail,
        ServerSecret.of(new SecureRandomSource().bytes(ServerSecret.MIN_BYTES)), KEYS, listeners);
  }

  @Test
  void handWired_overPostgresRedisAndSmtp_registerVerifyAndLogIn_besideTheHostsOwnUsersTable()
      throws Exception {
    try (Connection connection = hostPool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS public.users (id bigint PRIMARY KEY,"
          + " nickname text NOT NULL)");
      statement.execute("INSERT INTO public.users VALUES (1, 'the host''s own') ON CONFLICT DO"
          + " NOTHING");
    }
    String email = "ada-" + UUID.randomUUID() + "@example.com";
    try (HandWiredUserService wired = wired().start()) {
      UserService service = wired.service;

      User user = service.registerUser().register(
          new RegisterUser.Command(email, "correct horse battery", "Ada", null, null));
      AuthTokens tokens = service.authenticateUser().authenticate(
          new AuthenticateUser.Command(email, "correct horse battery", null));
      Actor actor = service.authenticateAccessToken().authenticate(tokens.accessToken());
      // The jobs deliver the letter over SMTP, a moment after the registration.
      List<ReceivedMail> letters = smtp.mailbox().await(email, 1, Duration.ofSeconds(20));
      assertThat(letters).as("the verification letter").hasSize(1);
      User verified = service.verifyEmail().verify(
          new VerifyEmail.Command(actor, codeIn(letters.get(0).text()), null));

      assertThat(actor.id()).isEqualTo(user.id());
      assertThat(verified.isEmailVerified()).isTrue();
      assertThat(service.getOwnProfile().get(actor).isEmailVerified()).isTrue();
    }
    try (Connection connection = hostPool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT nickname FROM public.users")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("the host's own");
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void guiceWired_registerVerifyAndLogIn() {
    Injector injector = Guice.createInjector(new InMemoryUserServiceModule());
    RegisterUser register = injector.getInstance(RegisterUser.class);
    AuthenticateUser login = injector.getInstance(AuthenticateUser.class);
    AuthenticateAccessToken authenticate = injector.getInstance(AuthenticateAccessToken.class);
    VerifyEmail verify = injector.getInstance(VerifyEmail.class);
    GetOwnProfile me = injector.getInstance(GetOwnProfile.class);
    DeliverMail deliverMail = injector.getInstance(DeliverMail.class);
    InMemoryMailer mailer = (InMemoryMailer) injector.getInstance(Mailer.class);

    User user = register.register(
        new RegisterUser.Command("bob@example.com", "correct horse battery", null, null, null));
    String accessToken = login.authenticate(
        new AuthenticateUser.Command("bob@example.com", "correct horse battery", null)).accessToken();
    Actor actor = authenticate.authenticate(accessToken);
    assertThat(me.get(actor).isEmailVerified()).isFalse();
    deliverMail.deliverDue();
    User verified = verify.verify(
        new VerifyEmail.Command(actor, codeIn(mailer, "bob@example.com"), null));

    assertThat(actor.id()).isEqualTo(user.id());
    assertThat(verified.isEmailVerified()).isTrue();
    assertThat(me.get(authenticate.authenticate(accessToken)).isEmailVerified()).isTrue();
    assertThat(injector.getInstance(RegisterUser.class)).isSameAs(register);
  }

  @Test
  void anEmbeddingApplication_registersItsListener_inTheFactory_andHearsEveryEvent() {
    List<UserEvent> heard = new CopyOnWriteArrayList<>();
    String email = "eve-" + UUID.randomUUID() + "@example.com";
    User user;
    try (HandWiredUserService wired = wired(heard::add)) {
      UserService service = wired.service;

      user = service.registerUser().register(
          new RegisterUser.Command(email, "correct horse battery", null, null, null));
      assertThatThrownBy(() -> service.authenticateUser().authenticate(
          new AuthenticateUser.Command(email, "not her password", null)));
      AuthTokens tokens = service.authenticateUser().authenticate(
          new AuthenticateUser.Command(email, "correct horse battery", null));
      service.logOut().logOut(new PresentedRefreshToken(tokens.refreshToken(), null));
    }

    assertThat(heard).extracting(UserEvent::type).containsExactly(EventType.REGISTERED,
        EventType.VERIFICATION_CODE_SENT, EventType.LOGIN_FAILED, EventType.LOGIN_SUCCEEDED,
        EventType.LOGGED_OUT);
    assertThat(heard).allSatisfy(event -> assertThat(event.meta().subject()).isEqualTo(user.id()));
    UserEvent.LoginFailed failed = (UserEvent.LoginFailed) heard.get(2);
    assertThat(failed.reason()).isEqualTo(UserEvent.LoginFailed.Reason.WRONG_PASSWORD);
  }

  private static VerificationCode codeIn(InMemoryMailer mailer, String address) {
    return codeIn(mailer.latestTo(new Email(address)).orElseThrow().text());
  }

  private static VerificationCode codeIn(String text) {
    Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(text);
    assertThat(code.find()).isTrue();
    return new VerificationCode(code.group(1));
  }
}
