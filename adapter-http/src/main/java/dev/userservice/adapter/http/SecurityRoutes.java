package dev.userservice.adapter.http;

import dev.userservice.adapter.http.json.SecurityMessages.InvitationAcceptBody;
import dev.userservice.adapter.http.json.SecurityMessages.LoginBody;
import dev.userservice.adapter.http.json.SecurityMessages.PasswordChangeBody;
import dev.userservice.adapter.http.json.SecurityMessages.RefreshBody;
import dev.userservice.adapter.http.json.SecurityMessages.ResetConfirmBody;
import dev.userservice.adapter.http.json.SecurityMessages.ResetRequestBody;
import dev.userservice.adapter.http.json.SecurityMessages.SecondFactorBody;
import dev.userservice.adapter.http.json.SecurityMessages.SecondFactorRequiredJson;
import dev.userservice.adapter.http.json.SecurityMessages.TokensJson;
import dev.userservice.application.AcceptInvitation;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.AuthTokens;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.ChangePassword;
import dev.userservice.application.CompleteLogin;
import dev.userservice.application.LoginResult;
import dev.userservice.application.PresentedRefreshToken;
import dev.userservice.application.RequestPasswordReset;
import dev.userservice.application.ResetPassword;
import dev.userservice.application.UserService;
import dev.userservice.domain.port.Clock;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** The {@code /security} routes: login, token refresh, logout, password change and reset. */
final class SecurityRoutes {

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
      ctx.json(SecondFactorRequiredJson.from(required, clock));
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
    ctx.json(TokensJson.from(tokens, clock));
  }
}
