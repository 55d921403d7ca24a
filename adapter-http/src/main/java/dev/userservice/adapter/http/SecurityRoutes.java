package dev.userservice.adapter.http;

import dev.userservice.application.AcceptInvitation;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.AuthTokens;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.ChangePassword;
import dev.userservice.application.CompleteLogin;
import dev.userservice.application.LogOut;
import dev.userservice.application.LogOutEverywhere;
import dev.userservice.application.LoginResult;
import dev.userservice.application.PresentedRefreshToken;
import dev.userservice.application.RefreshSession;
import dev.userservice.application.RequestPasswordReset;
import dev.userservice.application.ResetPassword;
import dev.userservice.application.UserService;
import dev.userservice.domain.port.Clock;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The {@code /security} routes: login, token refresh, logout, password change and reset. */
final class SecurityRoutes {

  record LoginBody(String email, String password) {}

  record SecondFactorBody(String challenge, String code, String recoveryCode) {}

  /**
   * The answer to a right password for an account with a second factor: no tokens, a challenge
   * for {@code POST /security/login/mfa}. A 200, as the password step did succeed (the shape of
   * Okta's and Auth0's MFA-required answers, which also carry a short-lived token to continue).
   */
  record SecondFactorRequiredJson(boolean mfaRequired, String challenge, long expiresIn,
      List<String> methods) {

    @Override
    public String toString() {
      return "SecondFactorRequiredJson[***]";
    }
  }

  record RefreshBody(String refreshToken) {}

  record PasswordChangeBody(String currentPassword, String newPassword) {}

  record ResetRequestBody(String email) {}

  record ResetConfirmBody(String email, String code, String newPassword) {}

  record InvitationAcceptBody(String email, String code, String password) {}

  record TokensJson(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    @Override
    public String toString() {
      return "TokensJson[***]";
    }
  }

  private final UserService useCases;
  private final JsonBodies bodies;
  private final Clock clock;

  SecurityRoutes(UserService useCases, JsonBodies bodies, Clock clock) {
    this.useCases = useCases;
    this.bodies = bodies;
    this.clock = clock;
  }

  void login(Context ctx) {
    LoginBody body = bodies.read(ctx, LoginBody.class);
    LoginResult result = useCases.authenticateUser().logIn(new AuthenticateUser.Command(
        body.email(), body.password(), RequestAttributes.request(ctx)));
    if (result instanceof LoginResult.SecondFactorRequired required) {
      ctx.header("Cache-Control", "no-store");
      ctx.json(new SecondFactorRequiredJson(true, required.challenge(),
          expiresIn(clock, required.expiresAt()), List.of("totp", "recovery_code")));
    } else {
      tokens(ctx, ((LoginResult.SessionStarted) result).tokens());
    }
  }

  void completeLogin(Context ctx) {
    SecondFactorBody body = bodies.read(ctx, SecondFactorBody.class);
    tokens(ctx, useCases.completeLogin().complete(new CompleteLogin.Command(body.challenge(),
        body.code(), body.recoveryCode(), RequestAttributes.request(ctx))));
  }

  void refresh(Context ctx) {
    RefreshBody body = bodies.read(ctx, RefreshBody.class);
    tokens(ctx, useCases.refreshSession().refresh(
        new PresentedRefreshToken(body.refreshToken(), RequestAttributes.request(ctx))));
  }

  void logout(Context ctx) {
    RefreshBody body = bodies.read(ctx, RefreshBody.class);
    useCases.logOut().logOut(
        new PresentedRefreshToken(body.refreshToken(), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  void logoutAll(Context ctx) {
    useCases.logOutEverywhere().logOutEverywhere(new ActorRequest(
        RequestAttributes.actor(ctx), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  void changePassword(Context ctx) {
    var actor = RequestAttributes.actor(ctx);
    PasswordChangeBody body = bodies.read(ctx, PasswordChangeBody.class);
    useCases.changePassword().change(new ChangePassword.Command(actor, body.currentPassword(),
        body.newPassword(), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  void requestReset(Context ctx) {
    ResetRequestBody body = bodies.read(ctx, ResetRequestBody.class);
    useCases.requestPasswordReset().request(
        new RequestPasswordReset.Command(body.email(), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.ACCEPTED);
  }

  void confirmReset(Context ctx) {
    ResetConfirmBody body = bodies.read(ctx, ResetConfirmBody.class);
    useCases.resetPassword().reset(new ResetPassword.Command(body.email(), body.code(),
        body.newPassword(), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  void acceptInvitation(Context ctx) {
    InvitationAcceptBody body = bodies.read(ctx, InvitationAcceptBody.class);
    tokens(ctx, useCases.acceptInvitation().accept(new AcceptInvitation.Command(body.email(),
        body.code(), body.password(), RequestAttributes.request(ctx))));
  }

  private void tokens(Context ctx, AuthTokens tokens) {
    ctx.json(new TokensJson(tokens.accessToken(), tokens.refreshToken(), "Bearer",
        expiresIn(clock, tokens.accessTokenExpiresAt())));
  }

  /** The {@code expires_in} of a token response: whole seconds from now, rounded. */
  static long expiresIn(Clock clock, Instant expiresAt) {
    long millis = Duration.between(clock.now(), expiresAt).toMillis();
    return Math.max(0, (millis + 500) / 1000);
  }
}
