package dev.userservice.adapter.http.console;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.userservice.application.UserService;
import dev.userservice.domain.ConflictException;
import dev.userservice.domain.DomainException;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.InvalidCodeException;
import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.port.Clock;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The admin console: server-rendered pages under {@value #ROOT} for administrators to find a
 * user, see their state, sessions and events, and act, through the same use cases as the API.
 * Registered only when enabled; otherwise {@value #ROOT} is unknown like any other path.
 *
 * <p>Every page has a strict Content-Security-Policy (scripts and styles from the service itself
 * only: the pages carry none inline) and is never cached. Every page but the sign-in needs a live
 * console session ({@link ConsoleGate}); every form posts its session's token, and a post
 * without the right one is refused (403) before anything runs. A use case's refusal (the last
 * administrator, a stale edit, bad input) is shown in the page, with its status.
 */
public final class AdminConsole {

  /** Where the console lives. */
  public static final String ROOT = "/admin";
  private static final String UNAVAILABLE =
      "The service cannot do this right now; try again in a moment.";
  // As the API's 503 problems say.
  private static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
      + "connect-src 'self'";

  /** What a page of a signed-in administrator does. */
  @FunctionalInterface
  interface Page {
    void handle(Context ctx, ConsoleGate.SignedIn signedIn);
  }

  /** How a page shows a refusal of its action: a message and its status, in the page. */
  @FunctionalInterface
  interface Refusal {
    void show(Context ctx, ConsoleGate.SignedIn signedIn, int status, String message);
  }

  private final ConsoleGate gate;
  private final Templates templates = new Templates();
  private final SignIn signIn;
  private final UserPages users;
  private final OperatorPages operators;

  /**
   * @param requests where a request came from (address, user agent, request id), as the API's
   *     filters found it
   */
  public AdminConsole(UserService useCases, ConsoleSettings settings, Clock clock,
      String publicUrl, Function<Context, RequestContext> requests) {
    this.gate = new ConsoleGate(settings, clock, useCases.authenticateSession(), publicUrl);
    this.signIn = new SignIn(useCases, gate, templates, requests);
    this.users = new UserPages(useCases, templates, requests);
    this.operators = new OperatorPages(useCases, templates, requests);
  }

  /** Adds the console's routes; call inside {@code config.routes.apiBuilder}. */
  public void addRoutes() {
    path(ROOT, () -> {
      get(guarded(ctx -> ctx.redirect(ROOT + "/users", HttpStatus.SEE_OTHER)));
      get("/assets/{file}", ConsoleAssets::serve);
      get("/sign-in", guarded(signIn::form));
      post("/sign-in", guarded(signIn::signIn));
      post("/sign-in/second-factor", guarded(signIn::secondFactor));
      post("/sign-out", action(signIn::signOut, this::message));
      get("/users", page(users::list));
      path("/users/{id}", () -> {
        get(page(users::show));
        post("/names", action(users::editNames, users::refused));
        post("/role", action(users::changeRole, users::refused));
        post("/status", action(users::changeStatus, users::refused));
        post("/verification-code", action(users::resendVerification, users::refused));
        post("/password-reset", action(users::sendPasswordReset, users::refused));
        post("/second-factor/reset", action(users::resetSecondFactor, users::refused));
        get("/delete", page(users::confirmDelete));
        post("/delete", action(users::delete, users::refused));
        post("/sessions/end-all", action(users::endAllSessions, users::refused));
        post("/sessions/{sid}/end", action(users::endSession, users::refused));
      });
      get("/events", page(operators::events));
      get("/clients", page(operators::clients));
      post("/clients", action(operators::createClient, operators::clientsRefused));
      post("/clients/{clientId}/delete", action(operators::deleteClient,
          operators::clientsRefused));
      get("/webhooks", page(operators::webhooks));
      post("/webhooks", action(operators::createWebhook, operators::webhooksRefused));
      post("/webhooks/{webhookId}/enabled", action(operators::enableWebhook,
          operators::webhooksRefused));
    });
  }

  /** A page for a signed-in administrator; anyone else is sent to the sign-in. */
  private Handler page(Page page) {
    return guarded(ctx -> {
      Optional<ConsoleGate.SignedIn> signedIn = gate.signedIn(ctx);
      if (signedIn.isEmpty()) {
        ctx.redirect(ROOT + "/sign-in", HttpStatus.SEE_OTHER);
        return;
      }
      try {
        page.handle(ctx, signedIn.get());
      } catch (DomainException refused) {
        retryAfter(ctx, refused);
        message(ctx, signedIn.get(), status(refused), message(refused));
      }
    });
  }

  /**
   * A form's action: only for a signed-in administrator, only with the session's form token;
   * a refusal by the use case is shown by {@code refusal}.
   */
  private Handler action(Page action, Refusal refusal) {
    return guarded(ctx -> {
      Optional<ConsoleGate.SignedIn> signedIn = gate.signedIn(ctx);
      if (signedIn.isEmpty()) {
        signIn.expired(ctx);
        return;
      }
      if (!ConsoleGate.formCameFrom(ctx, signedIn.get())) {
        message(ctx, signedIn.get(), 403, "This form did not come from your console session, or"
            + " it is out of date. Nothing was changed; reload the page and try again.");
        return;
      }
      try {
        action.handle(ctx, signedIn.get());
      } catch (DomainException refused) {
        retryAfter(ctx, refused);
        refusal.show(ctx, signedIn.get(), status(refused), message(refused));
      }
    });
  }

  /**
   * {@code handler} with the console's headers, and a page of the console's own when a store is
   * down before any page could say it (looking up the console session, signing in).
   */
  private Handler guarded(Handler handler) {
    return ctx -> {
      headers(ctx);
      try {
        handler.handle(ctx);
      } catch (UnavailableException down) {
        unavailable(ctx);
      }
    };
  }

  /** When to come back after a refusal that has a time to it, as the API says it. */
  static void retryAfter(Context ctx, DomainException refused) {
    if (refused instanceof ThrottledException throttled) {
      ctx.header("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
    } else if (refused instanceof UnavailableException) {
      ctx.header("Retry-After", Long.toString(UNAVAILABLE_RETRY_AFTER.toSeconds()));
    }
  }

  /** The page for a store that is down: a 503 with the API's {@code Retry-After}, no navigation. */
  private void unavailable(Context ctx) {
    ctx.header("Retry-After", Long.toString(UNAVAILABLE_RETRY_AFTER.toSeconds()));
    Map<String, Object> model = new HashMap<>();
    model.put("title", "Error 503");
    model.put("error", UNAVAILABLE);
    ConsoleAssets.addTo(model);
    templates.render(ctx, 503, "message", model);
  }

  private void message(Context ctx, ConsoleGate.SignedIn signedIn, int status, String message) {
    Map<String, Object> model = model(signedIn, "Error " + status, null);
    model.put("error", message);
    templates.render(ctx, status, "message", model);
  }

  private static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
  }

  /**
   * What every page of a signed-in administrator shows: its title, the navigation with
   * {@code section} current, and the form token.
   */
  static Map<String, Object> model(ConsoleGate.SignedIn signedIn, String title, String section) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", title);
    model.put("signedIn", true);
    model.put("formToken", signedIn.formToken());
    model.put("formTokenField", ConsoleGate.FORM_TOKEN);
    if (section != null) {
      model.put("nav-" + section, true);
    }
    ConsoleAssets.addTo(model);
    return model;
  }

  /** The status a refusal is answered with, as the API would. */
  static int status(DomainException refused) {
    if (refused instanceof InvalidInputException || refused instanceof InvalidCodeException) {
      return 400;
    } else if (refused instanceof UnauthenticatedException) {
      return 401;
    } else if (refused instanceof ForbiddenException) {
      return 403;
    } else if (refused instanceof NotFoundException) {
      return 404;
    } else if (refused instanceof ConflictException) {
      return 409;
    } else if (refused instanceof ThrottledException) {
      return 429;
    } else if (refused instanceof UnavailableException) {
      return 503;
    }
    return 400;
  }

  /** A refusal in words for the page: the use case's own, every invalid field named. */
  static String message(DomainException refused) {
    if (refused instanceof InvalidInputException invalid && !invalid.errors().isEmpty()) {
      return "Please check: " + invalid.errors().stream()
          .map(error -> error.field().replace('_', ' ') + " " + error.message())
          .collect(Collectors.joining("; ")) + ".";
    }
    if (refused instanceof UnavailableException) {
      return UNAVAILABLE;
    }
    String text = refused.getMessage();
    return text == null || text.isBlank() ? "That was refused."
        : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
  }
}
