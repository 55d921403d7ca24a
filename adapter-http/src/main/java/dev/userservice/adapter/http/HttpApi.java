package dev.userservice.adapter.http;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.head;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.adapter.http.console.AdminConsole;
import dev.userservice.adapter.http.console.ConsoleSettings;
import dev.userservice.adapter.http.json.StrictJson;
import dev.userservice.application.UserService;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP API of SPEC §4 on Javalin: its configuration (JSON, problem responses, CORS, Jetty)
 * and its route table, with who may call each route. The rest has a class of its own:
 * {@link RequestFilters} (request id, security headers, bearer authentication),
 * {@link AccessLog}, {@link RequestMetrics} and {@link ProcessMetrics}, {@link StaticAssets}
 * (Swagger UI's files), and the handlers in {@link UserRoutes}, {@link SecurityRoutes},
 * {@link AccountRoutes}, {@link OAuthRoutes}, {@link AuditRoutes}, {@link WebhookRoutes} and
 * {@link OperationsRoutes}, and the admin console's pages ({@link AdminConsole}) when enabled.
 * Health and {@code /metrics} are served by {@link ManagementApi} on a port of their own.
 *
 * <p>Build it with the wired use cases, then {@link #start}; {@link #stop} finishes the requests
 * in flight before it returns.
 */
public final class HttpApi implements AutoCloseable {

  /** How long {@link #stop()} waits for requests in flight. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  /** A route as registered: method, path template and who may call it. */
  record Route(String method, String path, Access access) {}

  private final ProcessMetrics processMetrics;
  private final PrometheusMeterRegistry registry;
  private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
  private final Javalin app;

  /**
   * Builds the API; nothing listens until {@link #start}.
   *
   * @param useCases every use case, as {@link UserService#create} wired them
   * @param settings CORS, trusted proxies, body limit and the public URL
   * @param accessTokens publishes the JWKS at {@code /.well-known/jwks.json}, and its issuer in
   *     the authorization server metadata
   * @param clock for {@code expires_in} of issued tokens
   * @param mailQueueDepth mails waiting to be sent, for the {@code mail_queue_depth} gauge
   * @param registry where metrics go (shown by {@link ManagementApi}); {@code null} creates one
   * @param extension routes and pages added from outside (e.g. the fake mail client's),
   *     configured last; {@code null} for none
   */
  public HttpApi(UserService useCases, HttpSettings settings, AccessTokens accessTokens,
      Clock clock, LongSupplier mailQueueDepth, PrometheusMeterRegistry registry,
      HttpExtension extension) {
    this(useCases, settings, accessTokens, clock, mailQueueDepth, registry, extension, null);
  }

  /**
   * As {@link #HttpApi(UserService, HttpSettings, AccessTokens, Clock, LongSupplier,
   * PrometheusMeterRegistry, HttpExtension)}, with the admin console under
   * {@value AdminConsole#ROOT} when {@code console} is given; {@code null} leaves it off, and
   * its paths unknown.
   */
  public HttpApi(UserService useCases, HttpSettings settings, AccessTokens accessTokens,
      Clock clock, LongSupplier mailQueueDepth, PrometheusMeterRegistry registry,
      HttpExtension extension, ConsoleSettings console) {
    Objects.requireNonNull(useCases, "useCases");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(accessTokens, "accessTokens");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(mailQueueDepth, "mailQueueDepth");
    List<String> pagePrefixes = new ArrayList<>();
    pagePrefixes.add("/docs");
    if (extension != null) {
      pagePrefixes.addAll(extension.pagePrefixes());
    }
    RequestFilters filters = new RequestFilters(TrustedProxies.parse(settings.trustedProxies()),
        useCases.authenticateAccessToken(), pagePrefixes);
    this.registry = registry == null ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
        : registry;
    RequestMetrics requestMetrics = new RequestMetrics(this.registry);
    this.processMetrics = new ProcessMetrics(this.registry, mailQueueDepth);

    ObjectMapper mapper = StrictJson.newMapper();
    JsonBodies bodies = new JsonBodies(mapper, settings.maxBodyBytes());
    Problems problems = new Problems(mapper);
    UserRoutes users = new UserRoutes(useCases, bodies, new UserImportStream(mapper));
    SecurityRoutes security = new SecurityRoutes(useCases, bodies, clock);
    AuditRoutes audit = new AuditRoutes(useCases);
    AccountRoutes account = new AccountRoutes(useCases, bodies);
    MfaRoutes mfa = new MfaRoutes(useCases, bodies);
    OAuthRoutes oauth = new OAuthRoutes(useCases, bodies, clock);
    WebhookRoutes webhooks = new WebhookRoutes(useCases, bodies);
    OperationsRoutes operations = new OperationsRoutes(accessTokens, settings.publicUrl());
    AdminConsole adminConsole = console == null ? null : new AdminConsole(useCases, console,
        clock, settings.publicUrl(), RequestAttributes::request);

    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = settings.maxBodyBytes();
      config.http.prefer405over404 = true;
      config.http.generateEtags = false;
      // Javalin copies each response body to Jetty through a new array of this size (Jetty's 32K
      // output buffer by default), on every response: keep it small (docs/performance.md,
      // "Response buffer size"). Jetty still aggregates the writes, so 8K covers a profile or a
      // page of users in one copy.
      config.http.responseBufferSize = 8192;
      config.jsonMapper(new JavalinJackson(mapper, false));
      config.jetty.modifyServer(server -> {
        server.insertHandler(new GracefulHandler());
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        server.setErrorHandler(new ParserErrors(mapper));
      });
      // Jetty caches repeated header values per connection in a trie it wipes whenever a new
      // value does not fit. Bearer tokens differ per user, so with the cache on every
      // authenticated request would wipe it: keep it off (docs/performance.md, "Jetty header
      // cache off").
      config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
      // A virtual thread per request where the JDK has them (21+; platform threads on 17): they
      // served more with a lower p99 (docs/performance.md, "Virtual threads"). Argon2 runs on its
      // own platform threads (Argon2PasswordHasher), so hashing cannot occupy the carriers.
      config.concurrency.useVirtualThreads = true;
      config.events.handlerAdded(info -> {
        // HEAD twins of GET routes are not listed: they are the GET route (see readable()).
        if (info.getHttpMethod().isHttpMethod() && !HandlerType.HEAD.equals(info.getHttpMethod())
            && !info.getPath().startsWith(StaticAssets.ROOT) && !isConsole(info.getPath())) {
          routes.add(new Route(info.getHttpMethod().name(), info.getPath(),
              access(info.getRoles())));
        }
      });
      if (!settings.corsAllowedOrigins().isEmpty()) {
        List<String> origins = settings.corsAllowedOrigins();
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
          rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
          rule.exposeHeader("Location");
          rule.exposeHeader("Retry-After");
          rule.exposeHeader("X-Request-Id");
          rule.maxAge = 600;
        }));
      }

      problems.register(config.routes);
      config.routes.before(filters::beforeEveryRequest);
      config.routes.beforeMatched(filters::authenticate);
      config.routes.after(UnreadBodies::drain);
      config.requestLogger.http((ctx, millis) -> {
        try {
          requestMetrics.record(ctx, millis);
        } finally {
          AccessLog.write(ctx, millis);
        }
      });

      config.routes.apiBuilder(() -> {
        path("/users", () -> {
          post(users::register, Access.ANYONE);
          readable(users::list, Access.ADMIN);
          readable("/count", users::count, Access.ADMIN);
          post("/import", users::importUsers, Access.ADMIN);
          post("/invitations", users::invite, Access.ADMIN);
          path("/me", () -> {
            readable(users::getOwn, Access.AUTHENTICATED);
            patch(users::editOwn, Access.AUTHENTICATED);
            post("/verification-code", users::resendCode, Access.AUTHENTICATED);
            post("/verification", users::verify, Access.AUTHENTICATED);
            readable("/events", audit::listOwn, Access.AUTHENTICATED);
            delete(account::deleteOwn, Access.AUTHENTICATED);
            readable("/export", account::export, Access.AUTHENTICATED);
            readable("/sessions", account::listOwnSessions, Access.AUTHENTICATED);
            delete("/sessions/{sid}", account::endOwnSession, Access.AUTHENTICATED);
            post("/mfa/totp", mfa::enrol, Access.AUTHENTICATED);
            post("/mfa/totp/confirm", mfa::confirm, Access.AUTHENTICATED);
            delete("/mfa/totp", mfa::remove, Access.AUTHENTICATED);
            post("/mfa/recovery-codes", mfa::regenerateRecoveryCodes, Access.AUTHENTICATED);
          });
          path("/{id}", () -> {
            readable(users::get, Access.AUTHENTICATED);
            patch(users::edit, Access.AUTHENTICATED);
            delete(users::delete, Access.ADMIN);
            post("/invitation", users::resendInvitation, Access.ADMIN);
            readable("/sessions", account::listSessions, Access.ADMIN);
            delete("/sessions/{sid}", account::endSession, Access.ADMIN);
            delete("/mfa/totp", mfa::reset, Access.ADMIN);
          });
        });
        path("/security", () -> {
          post("/login", security::login, Access.ANYONE);
          post("/login/mfa", security::completeLogin, Access.ANYONE);
          post("/refresh", security::refresh, Access.ANYONE);
          post("/logout", security::logout, Access.ANYONE);
          post("/logout-all", security::logoutAll, Access.AUTHENTICATED);
          put("/password", security::changePassword, Access.AUTHENTICATED);
          post("/password-reset", security::requestReset, Access.ANYONE);
          post("/password-reset/confirm", security::confirmReset, Access.ANYONE);
          post("/invitation/accept", security::acceptInvitation, Access.ANYONE);
        });
        // Clients authenticate in the body or with Basic; the use cases check them.
        post(OAuthRoutes.TOKEN_PATH, oauth::token, Access.ANYONE);
        post(OAuthRoutes.INTROSPECTION_PATH, oauth::introspect, Access.ANYONE);
        post(OAuthRoutes.REVOCATION_PATH, oauth::revoke, Access.ANYONE);
        path("/oauth2/clients", () -> {
          post(oauth::registerClient, Access.ADMIN);
          readable(oauth::listClients, Access.ADMIN);
          readable("/{id}", oauth::getClient, Access.ADMIN);
          delete("/{id}", oauth::deleteClient, Access.ADMIN);
        });
        readable("/audit-events", audit::list, Access.ADMIN);
        path("/webhooks", () -> {
          post(webhooks::register, Access.ADMIN);
          readable(webhooks::list, Access.ADMIN);
          path("/{id}", () -> {
            readable(webhooks::get, Access.ADMIN);
            patch(webhooks::edit, Access.ADMIN);
            delete(webhooks::delete, Access.ADMIN);
            post("/rotate-secret", webhooks::rotateSecret, Access.ADMIN);
            post("/test", webhooks::test, Access.ADMIN);
            readable("/deliveries", webhooks::deliveries, Access.ADMIN);
            post("/deliveries/{delivery}/redeliver", webhooks::redeliver, Access.ADMIN);
          });
        });
        readable(OperationsRoutes.JWKS_PATH, operations::jwks, Access.ANYONE);
        readable("/.well-known/oauth-authorization-server", operations::metadata,
            Access.ANYONE);
        readable("/.well-known/openid-configuration", operations::metadata, Access.ANYONE);
        readable("/openapi.json", operations::openApi, Access.ANYONE);
        readable(OperationsRoutes.DOCS_PATH, operations::docs, Access.ANYONE);
        readable(StaticAssets.ROOT + "ui/{file}", StaticAssets::swaggerUi, Access.ANYONE);
        readable(StaticAssets.ROOT + "app/{file}", StaticAssets::ours, Access.ANYONE);
        if (adminConsole != null) {
          adminConsole.addRoutes();
        }
      });

      if (extension != null) {
        extension.configuration().accept(config);
      }
    });
  }

  /** Starts listening; {@code port} 0 picks a free one (see {@link #port()}). */
  public HttpApi start(String host, int port) {
    app.start(host, port);
    return this;
  }

  /** The port the server listens on, once started. */
  public int port() {
    return app.port();
  }

  /** Stops accepting connections and waits (up to {@link #STOP_TIMEOUT}) for requests in flight. */
  public void stop() {
    app.stop();
    processMetrics.close();
  }

  @Override
  public void close() {
    stop();
  }

  /** The registry the metrics are kept in (the one given, or the one created). */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** Whether {@code path} is the console's: pages, not part of the documented API. */
  private static boolean isConsole(String path) {
    return path.equals(AdminConsole.ROOT) || path.startsWith(AdminConsole.ROOT + "/");
  }

  /**
   * Every HTTP route of the API registered, with who may call it; for tests and documentation
   * checks. The Swagger UI's files and the admin console's pages are not among them.
   */
  List<Route> routes() {
    synchronized (routes) {
      return List.copyOf(routes);
    }
  }

  /**
   * A GET route and its HEAD twin, which runs the same handler with the same access check (Jetty
   * sends no body). Without the twin, Javalin answers HEAD itself with 200 wherever a GET route
   * exists, before any access check: a protected route would answer a caller without a token.
   */
  private static void readable(String path, Handler handler, Access access) {
    get(path, handler, access);
    head(path, handler, access);
  }

  private static void readable(Handler handler, Access access) {
    readable("", handler, access);
  }

  private static Access access(Set<RouteRole> roles) {
    for (RouteRole role : roles) {
      if (role instanceof Access access) {
        return access;
      }
    }
    return Access.ANYONE;
  }
}
