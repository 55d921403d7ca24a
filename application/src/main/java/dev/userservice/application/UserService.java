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
    PruneMailOutbox pruneMailOutbox) {

  public UserService {
    Objects.requireNonNull(registerUser, "registerUser");
    Objects.requireNonNull(authenticateUser, "authenticateUser");
    Objects.requireNonNull(authenticateAccessToken, "authenticateAccessToken");
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
  }

  /** The service over {@code ports} under {@code policy}, its mail jobs at their defaults. */
  public static UserService create(Ports ports, SecurityPolicy policy) {
    return create(ports, policy, DeliverMail.Settings.defaults(),
        PruneMailOutbox.Settings.defaults());
  }

  /**
   * The service over {@code ports} under {@code policy}, with how mail is delivered
   * ({@code delivery}) and how long sent mail is kept ({@code outboxRetention}).
   */
  public static UserService create(Ports ports, SecurityPolicy policy,
      DeliverMail.Settings delivery, PruneMailOutbox.Settings outboxRetention) {
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(outboxRetention, "outboxRetention");
    var clock = ports.clock();
    var users = ports.users();
    var writes = new UserWrites(users, ports.sessions(), ports.codes());
    var throttles = new Throttles(ports.rateLimiter(), clock, policy);
    var loginThrottle = new LoginThrottle(ports.loginFailures(), clock, policy);
    var newPasswords = new NewPasswords(ports.commonPasswords(), policy);
    var codes = new Codes(ports.codes(), ports.outbox(), ports.random(), ports.codeHasher(), clock,
        policy, throttles);
    var sessions = new Sessions(ports.sessions(), ports.accessTokens(), ports.random(), clock,
        policy);
    var hasher = ports.passwordHasher();
    return new UserService(
        new RegisterUser(writes, ports.outbox(), hasher, ports.random(), clock, newPasswords,
            throttles, codes),
        new AuthenticateUser(users, writes, hasher, clock, sessions, loginThrottle),
        new AuthenticateAccessToken(ports.accessTokens(), ports.sessions(), clock),
        new RefreshSession(users, ports.sessions(), ports.accessTokens(), ports.random(), clock,
            policy),
        new LogOut(ports.sessions()),
        new LogOutEverywhere(ports.sessions()),
        new GetOwnProfile(users, ports.userCache()),
        new GetUser(users),
        new EditUser(users, writes, ports.outbox(), hasher, clock, codes, loginThrottle),
        new ListUsers(users),
        new CountUsers(users),
        new DeleteUser(writes),
        new ResendVerificationCode(users, throttles, codes),
        new VerifyEmail(users, writes, clock, throttles, codes),
        new ChangePassword(users, writes, ports.outbox(), hasher, newPasswords, clock,
            loginThrottle),
        new RequestPasswordReset(ports.resetRequests(), throttles),
        new ResetPassword(users, writes, ports.outbox(), hasher, newPasswords, clock, policy,
            throttles, codes, loginThrottle),
        new IssueResetCodes(users, ports.resetRequests(), codes),
        new PurgeUnverifiedUsers(writes, clock, policy),
        new EnsureAdmin(users, writes, hasher, newPasswords, ports.random(), clock),
        new DeliverMail(ports.outbox(), ports.mailer(), clock, delivery),
        new PruneMailOutbox(ports.outbox(), clock, outboxRetention));
  }
}
