package dev.userservice.application;

import java.util.Objects;

/**
 * Every use case of the service, wired once: {@link #create} builds them over the adapters in a
 * {@link Ports} record. The bootstrap, the HTTP adapter's tests, the examples and any embedding
 * application build the service this way (or let a {@code jakarta.inject} container build the
 * same graph from the annotated constructors).
 */
public record UserService(
    RegisterUser registerUser,
    AuthenticateUser authenticateUser,
    AuthenticateAccessToken authenticateAccessToken,
    AuthenticateSession authenticateSession,
    RefreshSession refreshSession,
    LogOut logOut,
    LogOutEverywhere logOutEverywhere,
    GetOwnProfile getOwnProfile,
    GetUser getUser,
    EditUser editUser,
    ListUsers listUsers,
    CountUsers countUsers,
    DeleteUser deleteUser,
    ResendVerificationCode resendVerificationCode,
    VerifyEmail verifyEmail,
    ChangePassword changePassword,
    RequestPasswordReset requestPasswordReset,
    ResetPassword resetPassword,
    IssueResetCodes issueResetCodes,
    PurgeUnverifiedUsers purgeUnverifiedUsers,
    EnsureAdmin ensureAdmin,
    DeliverMail deliverMail,
    PruneMailOutbox pruneMailOutbox,
    ListAuditEvents listAuditEvents,
    ListOwnEvents listOwnEvents,
    PruneAuditTrail pruneAuditTrail,
    RecordHeldEvents recordHeldEvents,
    ListSessions listSessions,
    EndSession endSession,
    DeleteOwnAccount deleteOwnAccount,
    ExportOwnData exportOwnData,
    RegisterClient registerClient,
    ListClients listClients,
    GetClient getClient,
    DeleteClient deleteClient,
    IssueClientToken issueClientToken,
    ExchangeRefreshToken exchangeRefreshToken,
    IntrospectToken introspectToken,
    RevokeToken revokeToken,
    RegisterWebhook registerWebhook,
    ListWebhooks listWebhooks,
    GetWebhook getWebhook,
    EditWebhook editWebhook,
    DeleteWebhook deleteWebhook,
    RotateWebhookSecret rotateWebhookSecret,
    TestWebhook testWebhook,
    ListWebhookDeliveries listWebhookDeliveries,
    RedeliverWebhook redeliverWebhook,
    DeliverWebhooks deliverWebhooks,
    ImportUsers importUsers,
    CompleteLogin completeLogin,
    EnrolTotp enrolTotp,
    ConfirmTotp confirmTotp,
    RemoveTotp removeTotp,
    RegenerateRecoveryCodes regenerateRecoveryCodes,
    ResetTotp resetTotp,
    InviteUser inviteUser,
    ResendInvitation resendInvitation,
    AcceptInvitation acceptInvitation) {

  public UserService {
    Objects.requireNonNull(registerUser, "registerUser");
    Objects.requireNonNull(authenticateUser, "authenticateUser");
    Objects.requireNonNull(authenticateAccessToken, "authenticateAccessToken");
    Objects.requireNonNull(authenticateSession, "authenticateSession");
    Objects.requireNonNull(refreshSession, "refreshSession");
    Objects.requireNonNull(logOut, "logOut");
    Objects.requireNonNull(logOutEverywhere, "logOutEverywhere");
    Objects.requireNonNull(getOwnProfile, "getOwnProfile");
    Objects.requireNonNull(getUser, "getUser");
    Objects.requireNonNull(editUser, "editUser");
    Objects.requireNonNull(listUsers, "listUsers");
    Objects.requireNonNull(countUsers, "countUsers");
    Objects.requireNonNull(deleteUser, "deleteUser");
    Objects.requireNonNull(resendVerificationCode, "resendVerificationCode");
    Objects.requireNonNull(verifyEmail, "verifyEmail");
    Objects.requireNonNull(changePassword, "changePassword");
    Objects.requireNonNull(requestPasswordReset, "requestPasswordReset");
    Objects.requireNonNull(resetPassword, "resetPassword");
    Objects.requireNonNull(issueResetCodes, "issueResetCodes");
    Objects.requireNonNull(purgeUnverifiedUsers, "purgeUnverifiedUsers");
    Objects.requireNonNull(ensureAdmin, "ensureAdmin");
    Objects.requireNonNull(deliverMail, "deliverMail");
    Objects.requireNonNull(pruneMailOutbox, "pruneMailOutbox");
    Objects.requireNonNull(listAuditEvents, "listAuditEvents");
    Objects.requireNonNull(listOwnEvents, "listOwnEvents");
    Objects.requireNonNull(pruneAuditTrail, "pruneAuditTrail");
    Objects.requireNonNull(recordHeldEvents, "recordHeldEvents");
    Objects.requireNonNull(listSessions, "listSessions");
    Objects.requireNonNull(endSession, "endSession");
    Objects.requireNonNull(deleteOwnAccount, "deleteOwnAccount");
    Objects.requireNonNull(exportOwnData, "exportOwnData");
    Objects.requireNonNull(registerClient, "registerClient");
    Objects.requireNonNull(listClients, "listClients");
    Objects.requireNonNull(getClient, "getClient");
    Objects.requireNonNull(deleteClient, "deleteClient");
    Objects.requireNonNull(issueClientToken, "issueClientToken");
    Objects.requireNonNull(exchangeRefreshToken, "exchangeRefreshToken");
    Objects.requireNonNull(introspectToken, "introspectToken");
    Objects.requireNonNull(revokeToken, "revokeToken");
    Objects.requireNonNull(registerWebhook, "registerWebhook");
    Objects.requireNonNull(listWebhooks, "listWebhooks");
    Objects.requireNonNull(getWebhook, "getWebhook");
    Objects.requireNonNull(editWebhook, "editWebhook");
    Objects.requireNonNull(deleteWebhook, "deleteWebhook");
    Objects.requireNonNull(rotateWebhookSecret, "rotateWebhookSecret");
    Objects.requireNonNull(testWebhook, "testWebhook");
    Objects.requireNonNull(listWebhookDeliveries, "listWebhookDeliveries");
    Objects.requireNonNull(redeliverWebhook, "redeliverWebhook");
    Objects.requireNonNull(deliverWebhooks, "deliverWebhooks");
    Objects.requireNonNull(importUsers, "importUsers");
    Objects.requireNonNull(completeLogin, "completeLogin");
    Objects.requireNonNull(enrolTotp, "enrolTotp");
    Objects.requireNonNull(confirmTotp, "confirmTotp");
    Objects.requireNonNull(removeTotp, "removeTotp");
    Objects.requireNonNull(regenerateRecoveryCodes, "regenerateRecoveryCodes");
    Objects.requireNonNull(resetTotp, "resetTotp");
    Objects.requireNonNull(inviteUser, "inviteUser");
    Objects.requireNonNull(resendInvitation, "resendInvitation");
    Objects.requireNonNull(acceptInvitation, "acceptInvitation");
  }

  /** The service over {@code ports} under {@code policy}, its jobs at their defaults. */
  public static UserService create(Ports ports, SecurityPolicy policy) {
    return create(ports, policy, EventListeners.none());
  }

  /**
   * The service over {@code ports} under {@code policy}, its jobs at their defaults, every event
   * going to {@code listeners} too (after the audit trail).
   */
  public static UserService create(Ports ports, SecurityPolicy policy,
      EventListeners listeners) {
    return create(ports, policy, DeliverMail.Settings.defaults(),
        PruneMailOutbox.Settings.defaults(), PruneAuditTrail.Settings.defaults(),
        WebhookSettings.defaults(), listeners);
  }

  /**
   * The service over {@code ports} under {@code policy}, with how mail is delivered
   * ({@code delivery}), how long sent mail ({@code outboxRetention}) and audit entries
   * ({@code auditRetention}) are kept, how webhooks are delivered ({@code webhookSettings}), and
   * who hears of every event ({@code listeners}).
   */
  public static UserService create(Ports ports, SecurityPolicy policy,
      DeliverMail.Settings delivery, PruneMailOutbox.Settings outboxRetention,
      PruneAuditTrail.Settings auditRetention, WebhookSettings webhookSettings,
      EventListeners listeners) {
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(outboxRetention, "outboxRetention");
    Objects.requireNonNull(auditRetention, "auditRetention");
    Objects.requireNonNull(webhookSettings, "webhookSettings");
    Objects.requireNonNull(listeners, "listeners");
    var clock = ports.clock();
    var users = ports.users();
    var events = new Events(ports.auditTrail(), listeners);
    var writes = new UserWrites(users, ports.sessions(), ports.codes(), events);
    var throttles = new Throttles(ports.rateLimiter(), clock, policy);
    var loginThrottle = new LoginThrottle(ports.loginFailures(), ports.rateLimiter(), clock,
        policy);
    var newPasswords = new NewPasswords(ports.commonPasswords(), policy);
    var letters = new Letters(ports.letters());
    var codes = new Codes(ports.codes(), ports.outbox(), letters, ports.random(),
        ports.codeHasher(), clock, policy, throttles);
    var sessions = new Sessions(ports.sessions(), ports.accessTokens(), ports.random(), clock,
        policy);
    var hasher = ports.passwordHasher();
    var secondFactors = new SecondFactors(ports.codes(), ports.codeHasher(), ports.random(), clock,
        policy);
    var ownPassword = new OwnPassword(hasher, loginThrottle);
    var refreshSession = new RefreshSession(users, ports.sessions(), ports.accessTokens(),
        ports.random(), clock, policy, events);
    var clients = ports.oauthClients();
    var clientAuthentication = new ClientAuthentication(clients, ports.codeHasher(),
        loginThrottle);
    var hooks = ports.webhooks();
    var webhooks = new Webhooks(ports.random(), hooks.secrets(), hooks.sender(),
        hooks.endpoints());
    return new UserService(
        new RegisterUser(writes, ports.outbox(), letters, hasher, ports.random(), clock, newPasswords,
            throttles, codes),
        new AuthenticateUser(users, writes, hasher, clock, sessions, loginThrottle, events,
            secondFactors),
        new AuthenticateAccessToken(ports.accessTokens(), ports.sessions(), clock),
        new AuthenticateSession(ports.sessions()),
        refreshSession,
        new LogOut(ports.sessions(), clock, events),
        new LogOutEverywhere(ports.sessions(), clock, events),
        new GetOwnProfile(users, ports.userCache()),
        new GetUser(users),
        new EditUser(users, writes, ports.outbox(), letters, ownPassword, clock, codes, events),
        new ListUsers(users),
        new CountUsers(users),
        new DeleteUser(users, writes, ports.outbox(), letters, clock),
        new ResendVerificationCode(users, throttles, codes, clock, events),
        new VerifyEmail(users, writes, clock, throttles, codes),
        new ChangePassword(users, writes, ports.outbox(), letters, hasher, newPasswords,
            ownPassword, clock),
        new RequestPasswordReset(ports.resetRequests(), throttles, users),
        new ResetPassword(users, writes, ports.outbox(), letters, hasher, newPasswords, clock, policy,
            throttles, codes, loginThrottle),
        new IssueResetCodes(users, ports.resetRequests(), codes, clock, events),
        new PurgeUnverifiedUsers(writes, clock, policy),
        new EnsureAdmin(users, writes, hasher, newPasswords, ports.random(), clock),
        new DeliverMail(ports.outbox(), ports.mailer(), clock, delivery),
        new PruneMailOutbox(ports.outbox(), clock, outboxRetention),
        new ListAuditEvents(ports.auditTrail()),
        new ListOwnEvents(ports.auditTrail()),
        new PruneAuditTrail(ports.auditTrail(), clock, auditRetention),
        new RecordHeldEvents(events),
        new ListSessions(users, ports.sessions(), clock),
        new EndSession(ports.sessions(), throttles, clock, events),
        new DeleteOwnAccount(users, writes, ports.outbox(), letters, ownPassword, clock),
        new ExportOwnData(users, ports.sessions(), ports.auditTrail(), throttles, clock, events),
        new RegisterClient(clients, clientAuthentication, ports.random(), clock, events),
        new ListClients(clients),
        new GetClient(clients),
        new DeleteClient(clients, clock, events),
        new IssueClientToken(clientAuthentication, ports.accessTokens(), clock, events),
        new ExchangeRefreshToken(clientAuthentication, refreshSession),
        new IntrospectToken(clientAuthentication, ports.accessTokens(), ports.sessions(), clients,
            clock),
        new RevokeToken(clientAuthentication, ports.accessTokens(), ports.sessions(), clock,
            events),
        new RegisterWebhook(hooks.endpoints(), webhooks, ports.random(), clock, events),
        new ListWebhooks(hooks.endpoints()),
        new GetWebhook(webhooks),
        new EditWebhook(hooks.endpoints(), webhooks, clock, events),
        new DeleteWebhook(hooks.endpoints(), clock, events),
        new RotateWebhookSecret(hooks.endpoints(), webhooks, clock, webhookSettings, events),
        new TestWebhook(hooks.outbox(), webhooks, clock),
        new ListWebhookDeliveries(hooks.outbox(), webhooks),
        new RedeliverWebhook(hooks.outbox(), clock),
        new DeliverWebhooks(hooks.outbox(), hooks.endpoints(), hooks.sender(), webhooks,
            ports.random(), clock, webhookSettings, events),
        new ImportUsers(writes, hasher, ports.random(), clock, throttles),
        new CompleteLogin(users, writes, ports.outbox(), letters, sessions, secondFactors,
            loginThrottle, events, clock),
        new EnrolTotp(users, writes, ownPassword, secondFactors, clock),
        new ConfirmTotp(users, writes, ports.outbox(), letters, secondFactors, loginThrottle,
            clock),
        new RemoveTotp(users, writes, ports.outbox(), letters, ownPassword, secondFactors, clock),
        new RegenerateRecoveryCodes(users, writes, secondFactors, clock),
        new ResetTotp(users, writes, ports.outbox(), letters, clock),
        new InviteUser(writes, ports.outbox(), letters, hasher, ports.random(), clock, throttles,
            codes),
        new ResendInvitation(users, writes, ports.outbox(), clock, throttles, codes),
        new AcceptInvitation(users, writes, hasher, newPasswords, clock, throttles, codes,
            sessions, events));
  }
}
