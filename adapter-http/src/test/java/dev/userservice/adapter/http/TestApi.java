package dev.userservice.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.adapter.crypto.AccessTokenSettings;
import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.adapter.crypto.JwtAccessTokens;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.SecureRandomSource;
import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.adapter.crypto.SigningKeys;
import dev.userservice.adapter.http.console.ConsoleSettings;
import dev.userservice.adapter.inmemory.InMemoryAuditTrail;
import dev.userservice.adapter.inmemory.InMemoryConsoleSessions;
import dev.userservice.adapter.inmemory.InMemoryMailOutbox;
import dev.userservice.adapter.inmemory.InMemoryMailer;
import dev.userservice.adapter.inmemory.InMemoryOAuthClients;
import dev.userservice.adapter.inmemory.InMemoryPasswordBlocklist;
import dev.userservice.adapter.inmemory.InMemoryResetRequestQueue;
import dev.userservice.adapter.inmemory.InMemoryTokenStore;
import dev.userservice.adapter.inmemory.InMemoryUserCache;
import dev.userservice.adapter.inmemory.InMemoryUserRepository;
import dev.userservice.adapter.inmemory.InMemoryWebhooks;
import dev.userservice.adapter.inmemory.ManualClock;
import dev.userservice.adapter.mustache.LetterSettings;
import dev.userservice.adapter.mustache.MustacheLetterRenderer;
import dev.userservice.adapter.webhooks.JdkWebhookSender;
import dev.userservice.adapter.webhooks.WebhookSenderSettings;
import dev.userservice.application.AuthTokens;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.EventListeners;
import dev.userservice.application.InviteUser;
import dev.userservice.application.Ports;
import dev.userservice.application.RegisterClient;
import dev.userservice.application.RegisterWebhook;
import dev.userservice.application.SecurityPolicy;
import dev.userservice.application.UserService;
import dev.userservice.application.WebhookPorts;
import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.Password;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.WebhookId;
import dev.userservice.domain.port.AuditTrail;
import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.OAuthClients;
import dev.userservice.domain.port.Switchable;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserRepository;
import dev.userservice.domain.port.WebhookEndpoints;
import dev.userservice.domain.port.WebhookOutbox;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The HTTP API on a real socket (port 0), over the service {@link UserService#create} builds on
 * the in-memory adapters and the crypto adapter (small Argon2 parameters, a fresh RSA key), plus
 * a client to call it.
 *
 * <p>A test class shares one as a JUnit extension, listening from before its first test to after
 * its last: {@code @RegisterExtension static final TestApi app = TestApi.perClass();}. A test
 * that needs one of its own uses {@link #start} and closes it.
 */
final class TestApi implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  static final String PASSWORD = "correct horse battery";
  private static final HttpSettings TRUSTING_LOOPBACK =
      HttpSettings.defaults().withTrustedProxies(List.of("127.0.0.1"));
  private static final Pattern CODE = Pattern.compile("(\\d{6})");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
  final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail();
  final Switchable<UserRepository> users = Switchable.of(UserRepository.class,
      new InMemoryUserRepository(auditTrail), "database");
  final Switchable<OAuthClients> clients = Switchable.of(OAuthClients.class,
      new InMemoryOAuthClients(auditTrail), "database");
  private final Switchable<AuditTrail> switchableTrail =
      Switchable.of(AuditTrail.class, auditTrail, "database");
  final EventMetrics eventMetrics = new EventMetrics();
  final Switchable<TokenStore> tokenStore =
      Switchable.of(TokenStore.class, new InMemoryTokenStore(clock), "redis");
  final InMemoryMailOutbox outbox = new InMemoryMailOutbox();
  final InMemoryMailer mailer = new InMemoryMailer();
  final KeyPair keyPair;
  final SigningKeys keys;
  final JwtAccessTokens accessTokens;
  final Argon2PasswordHasher hasher =
      new Argon2PasswordHasher(new Argon2Settings(256, 1, 1));
  final SecureRandomSource random = new SecureRandomSource();
  final ServerSecret secret = ServerSecret.of(random.bytes(32));
  final KeyedHasher codeHasher = secret.hasher("codes");
  private final InMemoryWebhooks webhooks = new InMemoryWebhooks(auditTrail);
  private final Switchable<WebhookEndpoints> webhookEndpoints =
      Switchable.of(WebhookEndpoints.class, webhooks, "database");
  private final Switchable<WebhookOutbox> webhookOutbox =
      Switchable.of(WebhookOutbox.class, webhooks, "database");
  /**
   * Plain http allowed (the tests' receivers), private addresses refused: the tests register
   * public IP literals, which resolve without a lookup.
   */
  final JdkWebhookSender webhookSender = new JdkWebhookSender(
      new WebhookSenderSettings(true, false, Duration.ofSeconds(1)));
  final InMemoryResetRequestQueue resetRequests = new InMemoryResetRequestQueue();
  final SecurityPolicy policy = SecurityPolicy.defaults();
  /** A few of the most common passwords; the real list is the crypto adapter's. */
  final InMemoryPasswordBlocklist commonPasswords =
      InMemoryPasswordBlocklist.of("password", "12345678", "qwerty123", "iloveyou");
  final Map<String, Boolean> readiness = new ConcurrentHashMap<>();
  final UserService service;
  final HttpApi api;
  final ManagementApi management;
  final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();

  /** A logged-in account. */
  record Account(UserId id, String email, String password, String accessToken,
      String refreshToken) {

    /** The id of the session it is logged in with (the refresh token's second part). */
    String sessionId() {
      return refreshToken.split("\\.")[1];
    }
  }

  /** A response, its body as text and (when JSON) as a tree. */
  record Reply(int status, java.net.http.HttpHeaders headers, String body, JsonNode json) {

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private TestApi(KeyPair keyPair, HttpSettings settings, HttpExtension extra) {
    this(keyPair, settings, extra, null);
  }

  /** The console sessions of an API started {@link #withConsole}. */
  final InMemoryConsoleSessions consoleSessions = new InMemoryConsoleSessions();

  private TestApi(KeyPair keyPair, HttpSettings settings, HttpExtension extra,
      java.util.function.Function<InMemoryConsoleSessions, ConsoleSettings> console) {
    this.keyPair = keyPair;
    this.keys = SigningKeys.of(keyPair);
    this.accessTokens = new JwtAccessTokens(keys, AccessTokenSettings.defaults());
    this.service = UserService.create(new Ports(users.port(), clients.port(),
        switchableTrail.port(), new InMemoryUserCache(), tokenStore.port(), outbox, mailer,
        new MustacheLetterRenderer(LetterSettings.defaults()), resetRequests, hasher,
        commonPasswords, accessTokens, codeHasher, random, clock, new WebhookPorts(
            webhookEndpoints.port(), webhookOutbox.port(), webhookSender,
            secret.box("webhooks"))), policy,
        EventListeners.of(eventMetrics));
    readiness.put("database", true);
    readiness.put("redis", true);
    readiness.put("mail_queue", true);
    Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    for (String name : readiness.keySet()) {
      checks.put(name, () -> readiness.get(name));
    }
    this.api = new HttpApi(service, settings, accessTokens, clock, outbox::pending, null,
        new HttpExtension(config -> {
          config.requestLogger.http((ctx, ms) -> ObservedStatuses.record(ctx));
          if (extra != null) {
            extra.configuration().accept(config);
          }
        }, extra == null ? List.of() : extra.pagePrefixes()),
        console == null ? null : console.apply(consoleSessions));
    eventMetrics.bindTo(api.meterRegistry());
    this.management = new ManagementApi(checks, api.meterRegistry());
  }

  /**
   * The API of a test class, with a new key and trusted proxy 127.0.0.1 (so each request may
   * claim its own client address); it listens once JUnit calls {@link #beforeAll}.
   */
  static TestApi perClass() {
    return perClass(TRUSTING_LOOPBACK, null);
  }

  /** As {@link #perClass()}, with these settings and {@code extra} configuration (routes). */
  static TestApi perClass(HttpSettings settings, Consumer<JavalinConfig> extra) {
    return new TestApi(newKey(), settings, routesOnly(extra));
  }

  /**
   * As {@link #perClass()}, with these settings and the admin console on, its sessions in
   * {@link #consoleSessions} and the default timeouts.
   */
  static TestApi withConsole(HttpSettings settings) {
    return new TestApi(newKey(), settings, null, ConsoleSettings::over);
  }

  /** A new RSA key; generating one costs a moment, so a test class makes one at most. */
  static KeyPair newKey() {
    return PemKeys.generate(2048);
  }

  /** A listening API with trusted proxy 127.0.0.1, for one test; close it. */
  static TestApi start(KeyPair keyPair) {
    return start(keyPair, TRUSTING_LOOPBACK, null);
  }

  static TestApi start(KeyPair keyPair, HttpSettings settings, Consumer<JavalinConfig> extra) {
    return start(keyPair, settings, extra, 0);
  }

  static TestApi start(KeyPair keyPair, HttpSettings settings, Consumer<JavalinConfig> extra,
      int port) {
    return start(keyPair, settings, routesOnly(extra), port);
  }

  /** A listening API with {@code extension}'s routes and pages, for one test; close it. */
  static TestApi startWith(KeyPair keyPair, HttpExtension extension) {
    return start(keyPair, HttpSettings.defaults(), extension, 0);
  }

  private static TestApi start(KeyPair keyPair, HttpSettings settings, HttpExtension extra,
      int port) {
    TestApi app = new TestApi(keyPair, settings, extra);
    app.listen(port);
    return app;
  }

  private static HttpExtension routesOnly(Consumer<JavalinConfig> extra) {
    return extra == null ? null : new HttpExtension(extra, List.of());
  }

  private void listen(int port) {
    api.start("127.0.0.1", port);
    management.start("127.0.0.1", 0);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    listen(0);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    api.stop();
    management.stop();
  }

  // --- accounts -------------------------------------------------------------------------------

  static String uniqueEmail(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000
        + "@example.com";
  }

  /** A new account stored directly (no mail, no throttle) and logged in through the use case. */
  Account account(Role role, boolean verified) {
    String email = uniqueEmail(role == Role.ADMIN ? "admin" : verified ? "user" : "unverified");
    Instant now = clock.now();
    User user = User.register(UserId.generate(now, random.bytes(16)), new Email(email), null, null,
        hasher.hash(new Password(PASSWORD)), role, now);
    users.port().insert(verified ? user.verified(now) : user);
    return login(user.id(), email, PASSWORD);
  }

  Account user() {
    return account(Role.USER, true);
  }

  Account admin() {
    return account(Role.ADMIN, true);
  }

  /** A public target, an IP literal: allowed without a lookup, never actually called here. */
  static final String WEBHOOK_URL = "http://93.184.215.14/hook";

  /** A webhook endpoint registered by a new administrator, straight through the use case. */
  WebhookId webhook() {
    Actor admin = service.authenticateAccessToken().authenticate(admin().accessToken());
    return service.registerWebhook().register(RegisterWebhook.Command.parse(admin, WEBHOOK_URL,
        List.of("registered"), null, null)).endpoint().id();
  }

  /** A new invited account stored directly: no letter, no code, no throttle counted. */
  User storedInvitation(String email) {
    Instant now = clock.now();
    User user = User.register(UserId.generate(now, random.bytes(16)), new Email(email), null, null,
        hasher.hash(new Password(PASSWORD)), Role.USER, now).invited(now.plusSeconds(3600), now);
    users.port().insert(user);
    return user;
  }

  /** A new account invited by a new administrator, straight through the use case. */
  User invited(String email) {
    Actor admin = service.authenticateAccessToken().authenticate(admin().accessToken());
    return service.inviteUser().invite(
        new InviteUser.Command(admin, email, null, null, null, null, null));
  }

  /** A delivery of {@code webhook}: a ping. */
  long webhookDelivery(WebhookId webhook) {
    Actor admin = service.authenticateAccessToken().authenticate(admin().accessToken());
    return service.testWebhook().ping(admin, webhook);
  }

  Account login(UserId id, String email, String password) {
    AuthTokens tokens = service.authenticateUser().authenticate(
        new AuthenticateUser.Command(email, password, null));
    return new Account(id, email, password, tokens.accessToken(), tokens.refreshToken());
  }

  /** A client registered through the use case by an administrator, with {@code scope}. */
  RegisterClient.Registered client(String scope) {
    return service.registerClient().register(new RegisterClient.Command(
        new Actor(UserId.generate(clock.now(), random.bytes(16)), Role.ADMIN,
            new SessionId("AAAAAAAAAAAAAAAAAAAAAA")), "test client", scope, null));
  }

  /** The form-encoded {@code client_id} and {@code client_secret} of {@code client}. */
  static String[] secretPost(RegisterClient.Registered client) {
    return new String[] {"client_id", client.client().id().value(),
        "client_secret", client.secret()};
  }

  /** A form body ({@code application/x-www-form-urlencoded}) of keys and values. */
  static String form(String... keysAndValues) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(URLEncoder.encode(keysAndValues[i], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(keysAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return body.toString();
  }

  /** Posts a form body to {@code path}, with {@code headers} besides its content type. */
  Reply postForm(String path, String body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/x-www-form-urlencoded");
    return sendWith("POST", path, all, body);
  }

  /** An account with a confirmed one-time password, as its owner set it up over HTTP. */
  record TotpAccount(Account account, byte[] secret, List<String> recoveryCodes) {}

  /** A verified user who enrolled and confirmed a one-time password, then let a step pass. */
  TotpAccount totpUser() {
    return totpAccount(Role.USER);
  }

  /** An account of {@code role} that enrolled and confirmed a one-time password. */
  TotpAccount totpAccount(Role role) {
    Account account = account(role, true);
    Reply enrolled = send("POST", "/users/me/mfa/totp", account.accessToken(),
        jsonOf("current_password", PASSWORD));
    if (enrolled.status() != 200) {
      throw new AssertionError("enrolment: " + enrolled.body());
    }
    byte[] secret = base32(enrolled.json().get("secret").asText());
    Reply confirmed = send("POST", "/users/me/mfa/totp/confirm", account.accessToken(),
        jsonOf("code", totp(secret)));
    if (confirmed.status() != 200) {
      throw new AssertionError("confirmation: " + confirmed.body());
    }
    List<String> codes = new java.util.ArrayList<>();
    confirmed.json().get("recovery_codes").forEach(code -> codes.add(code.asText()));
    clock.advance(java.time.Duration.ofSeconds(30));
    return new TotpAccount(account, secret, List.copyOf(codes));
  }

  /** Gives account {@code id} a confirmed one-time password unless it has one. */
  void giveTotp(UserId id) {
    dev.userservice.domain.User user = users.port().findById(id).orElseThrow();
    if (!user.hasSecondFactor()) {
      users.port().update(user.withTotp(dev.userservice.domain.TotpFactor.pending(
          random.bytes(dev.userservice.domain.TotpFactor.SECRET_BYTES))
          .confirmed(clock.now(), List.of()), clock.now()));
    }
  }

  /** The current one-time password of {@code secret} by this API's clock (RFC 6238). */
  String totp(byte[] secret) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8)
          .putLong(clock.now().getEpochSecond() / 30).array());
      int offset = hash[hash.length - 1] & 0xf;
      int value = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      return String.format("%06d", value % 1_000_000);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** RFC 4648 base32 without padding, as authenticator apps read secrets. */
  static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  /** The challenge a right password of a one-time-password account gets. */
  String challenge(Account account) {
    Reply login = send("POST", "/security/login", null,
        jsonOf("email", account.email(), "password", account.password()));
    if (login.status() != 200 || !login.json().path("mfa_required").asBoolean()) {
      throw new AssertionError("no challenge: " + login.body());
    }
    return login.json().get("challenge").asText();
  }

  /** Delivers the queued mail and returns the code of the newest letter to {@code email}. */
  String latestCode(String email) {
    deliverAll();
    Mail mail = mailer.latestTo(new Email(email))
        .orElseThrow(() -> new AssertionError("no mail was sent to " + email));
    Matcher matcher = CODE.matcher(mail.text());
    if (!matcher.find()) {
      throw new AssertionError("the latest mail to " + email + " has no code: " + mail.subject());
    }
    return matcher.group(1);
  }

  Optional<Mail> latestMail(String email) {
    deliverAll();
    return mailer.latestTo(new Email(email));
  }

  /** Runs the workers: queued reset requests, then the outbox until it is empty. */
  void deliverAll() {
    while (service.issueResetCodes().issueQueued() > 0) {
      // one batch of requests at a time
    }
    while (service.deliverMail().deliverDue() > 0) {
      // one batch at a time until the queue is empty
    }
  }

  /**
   * Switches the database off (the accounts, the clients, the audit trail, webhooks) or on
   * again.
   */
  void databaseDown(boolean down) {
    users.down(down);
    clients.down(down);
    switchableTrail.down(down);
    webhookEndpoints.down(down);
    webhookOutbox.down(down);
  }

  // --- HTTP -----------------------------------------------------------------------------------

  Reply get(String path, String token) {
    return send("GET", path, token, null);
  }

  Reply send(String method, String path, String token, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return sendWith(method, path, headers, body);
  }

  /**
   * Sends a request. Unless {@code headers} say otherwise, it comes from a client address of its
   * own (via {@code X-Forwarded-For} from the trusted loopback proxy), so per-address throttles
   * of one test never touch another.
   */
  Reply sendWith(String method, String path, Map<String, String> headers, String body) {
    return sendTo("http://127.0.0.1:" + api.port(), method, path, headers, body);
  }

  /** A GET on the management listener ({@link ManagementApi}). */
  Reply managementGet(String path) {
    return sendTo("http://127.0.0.1:" + management.port(), "GET", path, Map.of(), null);
  }

  private Reply sendTo(String root, String method, String path, Map<String, String> headers,
      String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (!headers.containsKey("X-Forwarded-For")) {
      int n = SEQUENCE.incrementAndGet();
      request.header("X-Forwarded-For", "198.18." + (n / 250 % 250) + "." + (n % 250 + 1));
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode tree = type.contains("json") && !response.body().isEmpty()
          ? json.readTree(response.body()) : null;
      return new Reply(response.statusCode(), response.headers(), response.body(), tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String jsonOf(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    try {
      return json.writeValueAsString(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
