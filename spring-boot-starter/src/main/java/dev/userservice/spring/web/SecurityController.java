package dev.userservice.spring.web;

import dev.userservice.adapter.http.json.SecurityMessages.InvitationAcceptBody;
import dev.userservice.adapter.http.json.SecurityMessages.LoginBody;
import dev.userservice.adapter.http.json.SecurityMessages.PasswordChangeBody;
import dev.userservice.adapter.http.json.SecurityMessages.RefreshBody;
import dev.userservice.adapter.http.json.SecurityMessages.ResetConfirmBody;
import dev.userservice.adapter.http.json.SecurityMessages.ResetRequestBody;
import dev.userservice.adapter.http.json.SecurityMessages.SecondFactorBody;
import dev.userservice.adapter.http.json.SecurityMessages.SecondFactorRequiredJson;
import dev.userservice.adapter.http.json.SecurityMessages.TokensJson;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.AcceptInvitation;
import dev.userservice.application.AuthTokens;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.ChangePassword;
import dev.userservice.application.CompleteLogin;
import dev.userservice.application.LoginResult;
import dev.userservice.application.PresentedRefreshToken;
import dev.userservice.application.RequestPasswordReset;
import dev.userservice.application.ResetPassword;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.port.Clock;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /security} routes of adapter-http's {@code SecurityRoutes}: login (with its second
 * step for accounts with a one-time password), refresh, logout (one session or all), password
 * change and reset. Same paths, statuses and bodies (openapi.json).
 */
@RestController
final class SecurityController {

  private final UserService useCases;
  private final Caller caller;
  private final ApiJson json;
  private final Clock clock;

  SecurityController(UserService useCases, Caller caller, ApiJson json, Clock clock) {
    this.useCases = useCases;
    this.caller = caller;
    this.json = json;
    this.clock = clock;
  }

  @PostMapping("/security/login")
  ResponseEntity<byte[]> login(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    LoginBody body = json.read(request.getContentType(), raw, LoginBody.class);
    LoginResult result = useCases.authenticateUser().logIn(new AuthenticateUser.Command(
        body.email(), body.password(), Caller.context(request)));
    if (result instanceof LoginResult.SecondFactorRequired required) {
      return json.respond(HttpStatus.OK, SecondFactorRequiredJson.from(required, clock));
    }
    return tokens(((LoginResult.SessionStarted) result).tokens());
  }

  @PostMapping("/security/login/mfa")
  ResponseEntity<byte[]> completeLogin(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    SecondFactorBody body = json.read(request.getContentType(), raw, SecondFactorBody.class);
    return tokens(useCases.completeLogin().complete(new CompleteLogin.Command(body.challenge(),
        body.code(), body.recoveryCode(), Caller.context(request))));
  }

  @PostMapping("/security/refresh")
  ResponseEntity<byte[]> refresh(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    RefreshBody body = json.read(request.getContentType(), raw, RefreshBody.class);
    return tokens(useCases.refreshSession().refresh(
        new PresentedRefreshToken(body.refreshToken(), Caller.context(request))));
  }

  @PostMapping("/security/logout")
  ResponseEntity<Void> logout(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    RefreshBody body = json.read(request.getContentType(), raw, RefreshBody.class);
    useCases.logOut().logOut(
        new PresentedRefreshToken(body.refreshToken(), Caller.context(request)));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/security/logout-all")
  ResponseEntity<Void> logoutAll(HttpServletRequest request) {
    useCases.logOutEverywhere().logOutEverywhere(
        new ActorRequest(caller.actor(request), Caller.context(request)));
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/security/password")
  ResponseEntity<Void> changePassword(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    PasswordChangeBody body = json.read(request.getContentType(), raw,
        PasswordChangeBody.class);
    useCases.changePassword().change(new ChangePassword.Command(actor, body.currentPassword(),
        body.newPassword(), Caller.context(request)));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/security/password-reset")
  ResponseEntity<Void> requestReset(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    ResetRequestBody body = json.read(request.getContentType(), raw, ResetRequestBody.class);
    useCases.requestPasswordReset().request(
        new RequestPasswordReset.Command(body.email(), Caller.context(request)));
    return ResponseEntity.status(HttpStatus.ACCEPTED).build();
  }

  @PostMapping("/security/password-reset/confirm")
  ResponseEntity<Void> confirmReset(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    ResetConfirmBody body = json.read(request.getContentType(), raw, ResetConfirmBody.class);
    useCases.resetPassword().reset(new ResetPassword.Command(body.email(), body.code(),
        body.newPassword(), Caller.context(request)));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/security/invitation/accept")
  ResponseEntity<byte[]> acceptInvitation(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    InvitationAcceptBody body = json.read(request.getContentType(), raw,
        InvitationAcceptBody.class);
    return tokens(useCases.acceptInvitation().accept(new AcceptInvitation.Command(body.email(),
        body.code(), body.password(), Caller.context(request))));
  }

  private ResponseEntity<byte[]> tokens(AuthTokens tokens) {
    return json.respond(HttpStatus.OK, TokensJson.from(tokens, clock));
  }
}
