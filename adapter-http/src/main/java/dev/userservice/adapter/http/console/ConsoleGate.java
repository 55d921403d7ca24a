package dev.userservice.adapter.http.console;

import dev.userservice.application.AuthenticateSession;
import dev.userservice.domain.Actor;
import dev.userservice.domain.Sha256;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.ConsoleSession;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Who is signed in to the console, and whether a form came from it. The cookie carries a random
 * id; the store keeps the session under the id's hash only, so a copy of the store signs nobody
 * in. Every form carries the session's own random token (a synchronizer token, compared in
 * constant time); the sign-in form, before any session exists, carries one that a cookie of its
 * own must repeat.
 *
 * <p>The cookies are {@code HttpOnly} and {@code SameSite=Strict}, and {@code Secure} unless the
 * service is reached over plain http on loopback (start-dev, tests), where a browser would not
 * send a secure cookie. A secure cookie is named with the {@code __Host-} prefix, which binds it
 * to this host and requires {@code Path=/}; the plain one is kept to {@code Path=/admin}.
 */
final class ConsoleGate {

  /** The form field every console form carries its token in. */
  static final String FORM_TOKEN = "form_token";

  private static final int TOKEN_BYTES = 32;
  private static final int LONGEST_TOKEN = 64;
  private static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofMinutes(30);

  /** The signed-in administrator, and the console session that holds them. */
  record SignedIn(Actor actor, ConsoleSession session) {

    String formToken() {
      return session.formToken();
    }
  }

  private final ConsoleSettings settings;
  private final Clock clock;
  private final AuthenticateSession authenticateSession;
  private final boolean plainHttpOnLoopback;
  private final SecureRandom random = new SecureRandom();

  ConsoleGate(ConsoleSettings settings, Clock clock, AuthenticateSession authenticateSession,
      String publicUrl) {
    this.settings = settings;
    this.clock = clock;
    this.authenticateSession = authenticateSession;
    URI url = URI.create(publicUrl);
    this.plainHttpOnLoopback = "http".equalsIgnoreCase(url.getScheme())
        && isLoopback(url.getHost());
  }

  /** Starts a console session for {@code actor}, just signed in, and sets its cookie. */
  void start(Context ctx, Actor actor) {
    String id = token();
    Instant now = clock.now();
    ConsoleSession session = new ConsoleSession(actor.id(), actor.session(), actor.role(),
        actor.methods(), token(), now, now.plus(settings.maxLifetime()));
    settings.sessions().save(Sha256.hex(id), session, settings.idleTimeout(), now);
    setCookie(ctx, cookieName(ctx, "admin-session"), id, settings.maxLifetime());
  }

  /**
   * The administrator signed in to this request's console session, if it is live: used within
   * the idle timeout, before its end, its service session not ended (a role change, a
   * suspension, a deletion or logging out everywhere ends it), and still an administrator's.
   * A session found otherwise is removed.
   */
  Optional<SignedIn> signedIn(Context ctx) {
    String id = ctx.cookie(cookieName(ctx, "admin-session"));
    if (id == null || id.isEmpty() || id.length() > LONGEST_TOKEN) {
      return Optional.empty();
    }
    String idHash = Sha256.hex(id);
    Optional<ConsoleSession> found = settings.sessions().use(idHash, settings.idleTimeout(),
        clock.now());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ConsoleSession session = found.get();
    Actor actor;
    try {
      actor = authenticateSession.authenticate(new Actor(session.user(), session.role(),
          session.session(), null, session.methods()));
    } catch (UnauthenticatedException ended) {
      settings.sessions().remove(idHash);
      return Optional.empty();
    }
    if (!actor.isAdmin()) {
      settings.sessions().remove(idHash);
      return Optional.empty();
    }
    return Optional.of(new SignedIn(actor, session));
  }

  /** Whether the form posted carries the token of {@code signedIn}'s session. */
  static boolean formCameFrom(Context ctx, SignedIn signedIn) {
    return sameToken(ctx.formParam(FORM_TOKEN), signedIn.formToken());
  }

  /** Ends this request's console session, if any, and clears its cookie. */
  void end(Context ctx) {
    String id = ctx.cookie(cookieName(ctx, "admin-session"));
    if (id != null && !id.isEmpty() && id.length() <= LONGEST_TOKEN) {
      settings.sessions().remove(Sha256.hex(id));
    }
    setCookie(ctx, cookieName(ctx, "admin-session"), "", Duration.ZERO);
  }

  /** A new token for the sign-in form, which the cookie set here repeats. */
  String signInFormToken(Context ctx) {
    String token = token();
    setCookie(ctx, cookieName(ctx, "admin-sign-in"), token, SIGN_IN_FORM_LIFETIME);
    return token;
  }

  /** Whether the sign-in form posted carries the token its cookie repeats. */
  boolean signInFormCameFromHere(Context ctx) {
    return sameToken(ctx.formParam(FORM_TOKEN), ctx.cookie(cookieName(ctx, "admin-sign-in")));
  }

  private static boolean sameToken(String presented, String expected) {
    if (presented == null || expected == null || presented.length() > LONGEST_TOKEN) {
      return false;
    }
    return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  private boolean secure(Context ctx) {
    return !(plainHttpOnLoopback && isLoopback(ctx.req().getRemoteAddr()));
  }

  private String cookieName(Context ctx, String name) {
    return secure(ctx) ? "__Host-" + name : name;
  }

  private void setCookie(Context ctx, String name, String value, Duration maxAge) {
    boolean secure = secure(ctx);
    ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + (secure ? "/" : "/admin")
        + "; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : ""));
  }

  private String token() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code host} (a name or an IP literal, as a URL or a socket gives it) is loopback. */
  private static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String bare = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
      return false; // a name other than localhost: never looked up here
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
