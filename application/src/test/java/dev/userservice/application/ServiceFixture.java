package dev.userservice.application;

import dev.userservice.adapter.crypto.AccessTokenSettings;
import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.adapter.crypto.JwtAccessTokens;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.SecureRandomSource;
import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.adapter.crypto.SigningKeys;
import dev.userservice.adapter.inmemory.InMemoryAuditTrail;
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
import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.Password;
import dev.userservice.domain.User;
import dev.userservice.domain.VerificationCode;
import dev.userservice.domain.event.EventType;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.CodeStore;
import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.PasswordHasher;
import dev.userservice.domain.port.ResetRequestQueue;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixture of the use-case tests: every use case, built by {@link UserService#create}, over
 * the in-memory adapters and the real crypto adapter, with a manual clock, and helpers that drive
 * them (register, log in, read the latest mail). One per test: nothing is shared between tests
 * but the RSA key.
 */
final class ServiceFixture {

  static final String PASSWORD = "correct horse battery";
  private static final SigningKeys KEYS = SigningKeys.of(PemKeys.generate(2048));
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
  final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail();
  final InMemoryOAuthClients clients = new InMemoryOAuthClients(auditTrail);
  final InMemoryUserRepository users = new InMemoryUserRepository(auditTrail);
  final InMemoryWebhooks webhooks = new InMemoryWebhooks(auditTrail);
  /** Every event the service emitted, in order, as a listener heard them. */
  final List<UserEvent> events = new CopyOnWriteArrayList<>();
  final InMemoryTokenStore tokenStore = new InMemoryTokenStore(clock);
  final InMemoryUserCache userCache = new InMemoryUserCache();
  final InMemoryMailOutbox outbox = new InMemoryMailOutbox();
  final InMemoryMailer mailer = new InMemoryMailer();
  final MustacheLetterRenderer letters = new MustacheLetterRenderer(LetterSettings.defaults());
  final SecureRandomSource random = new SecureRandomSource();
  final ServerSecret secret = ServerSecret.of(random.bytes(32));
  final KeyedHasher codeHasher = secret.hasher("codes");
  /** By default sends to loopback receivers over http, quickly giving up on a silent one. */
  static final WebhookSenderSettings LOOPBACK_SENDER =
      new WebhookSenderSettings(true, true, Duration.ofMillis(500));
  final JdkWebhookSender webhookSender;
  final WebhookSettings webhookSettings;
  final InMemoryResetRequestQueue resetRequests = new InMemoryResetRequestQueue();
  final Argon2PasswordHasher hasher;
  final JwtAccessTokens accessTokens =
      new JwtAccessTokens(KEYS, new AccessTokenSettings("test", "test", Duration.ofMinutes(15)));
  final SecurityPolicy policy;
  /** A few of the most common passwords; the real list is the crypto adapter's. */
  final InMemoryPasswordBlocklist commonPasswords =
      InMemoryPasswordBlocklist.of("password", "12345678", "qwerty123", "iloveyou");

  final RegisterUser register;
  final AuthenticateUser login;
  final RefreshSession refresh;
  final LogOut logOut;
  final LogOutEverywhere logOutEverywhere;
  final AuthenticateAccessToken authenticate;
  final GetOwnProfile me;
  final GetUser getUser;
  final EditUser edit;
  final ListUsers list;
  final CountUsers count;
  final DeleteUser delete;
  final ResendVerificationCode resend;
  final VerifyEmail verify;
  final ChangePassword changePassword;
  final RequestPasswordReset requestReset;
  final IssueResetCodes issueResetCodes;
  final ResetPassword reset;
  final PurgeUnverifiedUsers purge;
  final EnsureAdmin ensureAdmin;
  final DeliverMail deliver;
  final PruneMailOutbox pruneMail;
  final ListSessions listSessions;
  final EndSession endSession;
  final DeleteOwnAccount deleteOwn;
  final ExportOwnData export;
  /** Every use case, the OAuth ones among them. */
  final UserService service;

  ServiceFixture() {
    this(SecurityPolicy.defaults(), new Argon2Settings(1024, 1, 1));
  }

  ServiceFixture(SecurityPolicy policy, Argon2Settings argon2) {
    this(policy, argon2, WebhookSettings.defaults(), LOOPBACK_SENDER);
  }

  ServiceFixture(WebhookSettings webhookSettings, WebhookSenderSettings sender) {
    this(SecurityPolicy.defaults(), new Argon2Settings(1024, 1, 1), webhookSettings, sender);
  }

  private ServiceFixture(SecurityPolicy policy, Argon2Settings argon2,
      WebhookSettings webhookSettings, WebhookSenderSettings sender) {
    this.policy = policy;
    this.webhookSettings = webhookSettings;
    this.webhookSender = new JdkWebhookSender(sender);
    this.hasher = new Argon2PasswordHasher(argon2);
    service = serviceWith(users, tokenStore, resetRequests);
    register = service.registerUser();
    login = service.authenticateUser();
    refresh = service.refreshSession();
    logOut = service.logOut();
    logOutEverywhere = service.logOutEverywhere();
    authenticate = service.authenticateAccessToken();
    me = service.getOwnProfile();
    getUser = service.getUser();
    edit = service.editUser();
    list = service.listUsers();
    count = service.countUsers();
    delete = service.deleteUser();
    resend = service.resendVerificationCode();
    verify = service.verifyEmail();
    changePassword = service.changePassword();
    requestReset = service.requestPasswordReset();
    issueResetCodes = service.issueResetCodes();
    reset = service.resetPassword();
    purge = service.purgeUnverifiedUsers();
    ensureAdmin = service.ensureAdmin();
    deliver = service.deliverMail();
    pruneMail = service.pruneMailOutbox();
    listSessions = service.listSessions();
    endSession = service.endSession();
    deleteOwn = service.deleteOwnAccount();
    export = service.exportOwnData();
  }

  /**
   * The service built by the application's one factory over this fixture's adapters, but with
   * {@code users}, {@code tokenStore} and {@code resetRequests} in their place (to record their
   * calls).
   */
  UserService serviceWith(UserRepository users, TokenStore tokenStore,
      ResetRequestQueue resetRequests) {
    return serviceWith(users, tokenStore, resetRequests, hasher);
  }

  /** The service with {@code codes} in place of this fixture's code store (to make it fail). */
  UserService serviceWith(CodeStore codes) {
    return UserService.create(new Ports(users, clients, auditTrail, userCache, tokenStore, codes,
        tokenStore, tokenStore, outbox, mailer, letters, resetRequests, hasher, commonPasswords,
        accessTokens, codeHasher, random, clock, webhookPorts()), policy,
        DeliverMail.Settings.defaults(), PruneMailOutbox.Settings.defaults(),
        PruneAuditTrail.Settings.defaults(), webhookSettings, EventListeners.of(events::add));
  }

  /** The service with {@code hasher} in place of this fixture's (to count its work). */
  UserService serviceWith(PasswordHasher hasher) {
    return serviceWith(users, tokenStore, resetRequests, hasher);
  }

  private UserService serviceWith(UserRepository users, TokenStore tokenStore,
      ResetRequestQueue resetRequests, PasswordHasher hasher) {
    return UserService.create(ports(users, tokenStore, resetRequests, hasher), policy,
        DeliverMail.Settings.defaults(), PruneMailOutbox.Settings.defaults(),
        PruneAuditTrail.Settings.defaults(), webhookSettings, EventListeners.of(events::add));
  }

  /** This fixture's adapters as the factory takes them. */
  Ports ports() {
    return ports(users, tokenStore, resetRequests, hasher);
  }

  private Ports ports(UserRepository users, TokenStore tokenStore,
      ResetRequestQueue resetRequests, PasswordHasher hasher) {
    return new Ports(users, clients, auditTrail, userCache, tokenStore, outbox, mailer, letters,
        resetRequests, hasher, commonPasswords, accessTokens, codeHasher, random, clock, webhookPorts());
  }

  WebhookPorts webhookPorts() {
    return new WebhookPorts(webhooks, webhooks, webhookSender, secret.box("webhooks"));
  }

  User registered(String email) {
    return register.register(new RegisterUser.Command(email, PASSWORD, null, null, null));
  }

  AuthTokens loggedIn(String email) {
    return login.authenticate(new AuthenticateUser.Command(email, PASSWORD, null));
  }

  AuthTokens loggedInAda() {
    return loggedIn("ada@example.com");
  }

  Actor actor(AuthTokens tokens) {
    return authenticate.authenticate(tokens.accessToken());
  }

  /** Registers, verifies and logs in a user; returns the session's actor. */
  Actor verifiedUser(String email) {
    registered(email);
    Actor actor = actor(loggedIn(email));
    verify.verify(new VerifyEmail.Command(actor, latestCode(email), null));
    return actor;
  }

  /** An administrator with a live session. */
  Actor admin() {
    ensureAdmin.ensure(
        new EnsureAdmin.Command(new Email("admin@example.com"), new Password(PASSWORD)));
    return actor(loggedIn("admin@example.com"));
  }

  /**
   * Runs the workers (queued reset requests, then the outbox) and returns the newest letter to
   * {@code email}.
   */
  Mail latestMail(String email) {
    issueResetCodes.issueQueued();
    deliver.deliverDue();
    return mailer.latestTo(new Email(email)).orElseThrow(() -> new AssertionError("no mail to " + email));
  }

  VerificationCode latestCode(String email) {
    Matcher matcher = CODE.matcher(latestMail(email).text());
    if (!matcher.find()) {
      throw new AssertionError("no code in the latest mail to " + email);
    }
    return new VerificationCode(matcher.group(1));
  }

  private int seen;

  /** The types of the events emitted since the last call, in order. */
  List<EventType> newEvents() {
    List<UserEvent> all = List.copyOf(events);
    List<EventType> types = all.subList(seen, all.size()).stream().map(UserEvent::type).toList();
    seen = all.size();
    return types;
  }

  /** The newest event emitted of {@code type}. */
  <E extends UserEvent> E last(Class<E> type) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (type.isInstance(events.get(i))) {
        return type.cast(events.get(i));
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " among " + events);
  }

  void passes(Duration duration) {
    clock.advance(duration);
  }
}
