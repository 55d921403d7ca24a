package dev.userservice.adapter.http;

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
import dev.userservice.domain.UserId;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/** The second factor of one's own account ({@code /users/me/mfa}) and its reset by an admin. */
final class MfaRoutes {

  private final UserService useCases;
  private final JsonBodies bodies;

  MfaRoutes(UserService useCases, JsonBodies bodies) {
    this.useCases = useCases;
    this.bodies = bodies;
  }

  void enrol(Context ctx) {
    PasswordBody body = bodies.read(ctx, PasswordBody.class);
    EnrolTotp.Enrolment enrolment = useCases.enrolTotp().enrol(new EnrolTotp.Command(
        RequestAttributes.actor(ctx), body.currentPassword(), RequestAttributes.request(ctx)));
    noStore(ctx);
    ctx.json(EnrolmentJson.from(enrolment));
  }

  void confirm(Context ctx) {
    CodeBody body = bodies.read(ctx, CodeBody.class);
    List<String> codes = useCases.confirmTotp().confirm(new ConfirmTotp.Command(
        RequestAttributes.actor(ctx), body.code(), RequestAttributes.request(ctx)));
    noStore(ctx);
    ctx.json(new RecoveryCodesJson(codes));
  }

  void remove(Context ctx) {
    RemovalBody body = bodies.read(ctx, RemovalBody.class);
    useCases.removeTotp().remove(new RemoveTotp.Command(RequestAttributes.actor(ctx),
        body.currentPassword(), body.code(), body.recoveryCode(), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  void regenerateRecoveryCodes(Context ctx) {
    List<String> codes = useCases.regenerateRecoveryCodes().regenerate(new ActorRequest(
        RequestAttributes.actor(ctx), RequestAttributes.request(ctx)));
    noStore(ctx);
    ctx.json(new RecoveryCodesJson(codes));
  }

  void reset(Context ctx) {
    useCases.resetTotp().reset(new ResetTotp.Command(RequestAttributes.actor(ctx),
        UserId.parse(ctx.pathParam("id"), "id"), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  // Secrets and recovery codes are shown once: no cache may keep them.
  private static void noStore(Context ctx) {
    ctx.header("Cache-Control", "no-store");
  }
}
