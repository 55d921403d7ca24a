package dev.userservice.spring.web;

import dev.userservice.adapter.http.json.MfaMessages.CodeBody;
import dev.userservice.adapter.http.json.MfaMessages.EnrolmentJson;
import dev.userservice.adapter.http.json.MfaMessages.PasswordBody;
import dev.userservice.adapter.http.json.MfaMessages.RecoveryCodesJson;
import dev.userservice.adapter.http.json.MfaMessages.RemovalBody;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.ConfirmTotp;
import dev.userservice.application.EnrolTotp;
import dev.userservice.application.RemoveTotp;
import dev.userservice.application.ResetTotp;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * adapter-http's {@code MfaRoutes}: the second factor of one's own account
 * ({@code /users/me/mfa}) and its reset by an administrator. Same paths, statuses and bodies
 * (openapi.json). The {@code Cache-Control: no-store} that secrets and recovery codes need, as
 * they are shown once, is on every answer already ({@link ApiHeaders}).
 */
@RestController
final class MfaController {

  // Large enough for a phone camera at arm's length; M corrects 15 % damage, as apps expect.

  private final UserService useCases;
  private final Caller caller;
  private final ApiJson json;

  MfaController(UserService useCases, Caller caller, ApiJson json) {
    this.useCases = useCases;
    this.caller = caller;
    this.json = json;
  }

  @PostMapping("/users/me/mfa/totp")
  ResponseEntity<byte[]> enrol(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    PasswordBody body = json.read(request.getContentType(), raw, PasswordBody.class);
    EnrolTotp.Enrolment enrolment = useCases.enrolTotp().enrol(new EnrolTotp.Command(
        actor, body.currentPassword(), Caller.context(request)));
    return json.respond(HttpStatus.OK,
        EnrolmentJson.from(enrolment));
  }

  @PostMapping("/users/me/mfa/totp/confirm")
  ResponseEntity<byte[]> confirm(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    CodeBody body = json.read(request.getContentType(), raw, CodeBody.class);
    List<String> codes = useCases.confirmTotp().confirm(new ConfirmTotp.Command(
        actor, body.code(), Caller.context(request)));
    return json.respond(HttpStatus.OK, new RecoveryCodesJson(codes));
  }

  @DeleteMapping("/users/me/mfa/totp")
  ResponseEntity<Void> remove(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.actor(request);
    RemovalBody body = json.read(request.getContentType(), raw, RemovalBody.class);
    useCases.removeTotp().remove(new RemoveTotp.Command(actor, body.currentPassword(),
        body.code(), body.recoveryCode(), Caller.context(request)));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/users/me/mfa/recovery-codes")
  ResponseEntity<byte[]> regenerateRecoveryCodes(HttpServletRequest request) {
    List<String> codes = useCases.regenerateRecoveryCodes().regenerate(
        new ActorRequest(caller.actor(request), Caller.context(request)));
    return json.respond(HttpStatus.OK, new RecoveryCodesJson(codes));
  }

  @DeleteMapping("/users/{id}/mfa/totp")
  ResponseEntity<Void> reset(HttpServletRequest request, @PathVariable("id") String id) {
    Actor actor = caller.admin(request);
    useCases.resetTotp().reset(new ResetTotp.Command(actor, UserId.parse(id, "id"),
        Caller.context(request)));
    return ResponseEntity.noContent().build();
  }
}
