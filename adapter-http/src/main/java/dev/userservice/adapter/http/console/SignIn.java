package dev.userservice.adapter.http.console;

import dev.userservice.application.AuthTokens;
import dev.userservice.application.AuthenticateUser;
import dev.userservice.application.CompleteLogin;
import dev.userservice.application.EndSession;
import dev.userservice.application.LoginResult;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.DomainException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Role;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UnavailableException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Signing in and out of the console, through the API's login use cases: the password (for the
 * administrator role only: anyone else's right password is refused like a wrong one, counted and
 * recorded by the use case), then the second factor when the account has one. The session the
 * sign-in starts is the console session's: ending it (from anywhere) ends the console session.
 */
final class SignIn {

  private static final String WRONG = "Wrong email or password.";

  private final UserService useCases;
  private final ConsoleGate gate;
  private final Templates templates;
  private final Function<Context, RequestContext> requests;

  SignIn(UserService useCases, ConsoleGate gate, Templates templates,
      Function<Context, RequestContext> requests) {
    this.useCases = useCases;
    this.gate = gate;
    this.templates = templates;
    this.requests = requests;
  }

  /** {@code GET /admin/sign-in}. */
  void form(Context ctx) {
    if (gate.signedIn(ctx).isPresent()) {
      ctx.redirect(AdminConsole.ROOT + "/users", HttpStatus.SEE_OTHER);
      return;
    }
    Map<String, Object> model = model(ctx);
    if ("signed-out".equals(ctx.queryParam("done"))) {
      model.put("notice", "You have signed out.");
    }
    templates.render(ctx, 200, "sign-in", model);
  }

  /** {@code POST /admin/sign-in}: the password step. */
  void signIn(Context ctx) {
    if (!gate.signInFormCameFromHere(ctx)) {
      refuse(ctx, 403, "The sign-in form was out of date. Please try again.", null);
      return;
    }
    String email = ctx.formParam("email");
    try {
      LoginResult result = useCases.authenticateUser().logIn(new AuthenticateUser.Command(email,
          ctx.formParam("password"), requests.apply(ctx), Role.ADMIN));
      if (result instanceof LoginResult.SecondFactorRequired required) {
        Map<String, Object> model = model(ctx);
        model.put("challenge", required.challenge());
        templates.render(ctx, 200, "sign-in", model);
      } else {
        establish(ctx, ((LoginResult.SessionStarted) result).tokens());
      }
    } catch (DomainException refused) {
      refuse(ctx, refused, email, null);
    }
  }

  /** {@code POST /admin/sign-in/second-factor}: a one-time password or a recovery code. */
  void secondFactor(Context ctx) {
    String challenge = ctx.formParam("challenge");
    if (!gate.signInFormCameFromHere(ctx)) {
      refuse(ctx, 403, "The sign-in form was out of date. Please sign in again.", null);
      return;
    }
    String code = blankToNull(ctx.formParam("code"));
    String recoveryCode = blankToNull(ctx.formParam("recovery_code"));
    try {
      establish(ctx, useCases.completeLogin().complete(new CompleteLogin.Command(challenge,
          code, recoveryCode, requests.apply(ctx))));
    } catch (InvalidInputException missing) {
      refuse(ctx, 400, "Enter the code from your authenticator app, or one recovery code.",
          challenge);
    } catch (UnauthenticatedException wrong) {
      refuse(ctx, 401, "That code was not accepted. If it keeps failing, sign in again.",
          challenge);
    } catch (DomainException refused) {
      refuse(ctx, refused, null, challenge);
    }
  }

  /** {@code POST /admin/sign-out}: ends the console session and the session under it. */
  void signOut(Context ctx, ConsoleGate.SignedIn signedIn) {
    Actor actor = signedIn.actor();
    gate.end(ctx);
    useCases.endSession().end(new EndSession.Command(actor, actor.id(), actor.session(),
        requests.apply(ctx)));
    ctx.redirect(AdminConsole.ROOT + "/sign-in?done=signed-out", HttpStatus.SEE_OTHER);
  }

  /** A form posted without a live console session: nothing ran; the sign-in says so. */
  void expired(Context ctx) {
    refuse(ctx, 401, "Your console session has ended, so nothing was changed. Please sign in"
        + " again.", null);
  }

  /** Starts the console session over the session the sign-in started. */
  private void establish(Context ctx, AuthTokens tokens) {
    Actor actor = useCases.authenticateAccessToken().authenticate(tokens.accessToken());
    if (!actor.isAdmin()) {
      // The role was checked with the password; it changed since (ending the session).
      useCases.endSession().end(new EndSession.Command(actor, actor.id(), actor.session(),
          requests.apply(ctx)));
      refuse(ctx, 401, WRONG, null);
      return;
    }
    gate.start(ctx, actor);
    ctx.redirect(AdminConsole.ROOT + "/users", HttpStatus.SEE_OTHER);
  }

  private void refuse(Context ctx, DomainException refused, String email, String challenge) {
    AdminConsole.retryAfter(ctx, refused);
    if (refused instanceof ThrottledException throttled) {
      refuse(ctx, 429, "Too many attempts. Wait " + Math.max(1,
          throttled.retryAfter().toSeconds()) + " seconds, then try again.", challenge);
    } else if (refused instanceof UnauthenticatedException) {
      refuse(ctx, 401, WRONG, challenge, email);
    } else if (refused instanceof InvalidInputException) {
      refuse(ctx, 400, "Enter your email address and password.", challenge, email);
    } else if (refused instanceof UnavailableException) {
      refuse(ctx, 503, "Signing in is not possible right now; try again in a moment.",
          challenge);
    } else {
      refuse(ctx, AdminConsole.status(refused), AdminConsole.message(refused), challenge);
    }
  }

  private void refuse(Context ctx, int status, String message, String challenge) {
    refuse(ctx, status, message, challenge, null);
  }

  private void refuse(Context ctx, int status, String message, String challenge, String email) {
    Map<String, Object> model = model(ctx);
    model.put("error", message);
    model.put("email", email);
    if (challenge != null) {
      model.put("challenge", challenge);
    }
    templates.render(ctx, status, "sign-in", model);
  }

  private Map<String, Object> model(Context ctx) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Sign in");
    model.put("formTokenField", ConsoleGate.FORM_TOKEN);
    model.put("formToken", gate.signInFormToken(ctx));
    ConsoleAssets.addTo(model);
    return model;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
