package dev.userservice.adapter.http;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.head;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.ForbiddenException;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP API of SPEC §4 on Javalin: routes, JSON, problem responses, bearer authentication,
 * security headers, CORS, access log, request metrics, the OpenAPI document and Swagger UI.
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

  private static final Logger ACCESS_LOG = LoggerFactory.getLogger("dev.userservice.http.access");
  private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
  // Swagger UI and the fake mail client use inline styles (and the inbox page an inline script).
  private static final String PAGE_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
      + "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";
  private static final String WEBJAR =
      "/META-INF/resources/webjars/swagger-ui/5.34.1";
  // Swagger UI's files and ours, served from the classpath by name. Javalin's static-file
  // handler mounts the jar that holds them as a zip file system, which for the service's fat jar
  // costs start-up time before the first request (docs/performance.md, "Static assets from the
  // classpath").
  private static final String ASSETS = "/docs/";
  private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Map<String, String> ASSET_TYPES = Map.of(
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "html", "text/html; charset=utf-8",
      "png", "image/png",
      "txt", "text/plain; charset=utf-8");

  private final UserService useCases;
  private final TrustedProxies trustedProxies;
  private final HttpMetrics metrics;
  private final PrometheusMeterRegistry registry;
  private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
  private final Javalin app;

  /**
   * Builds the API; nothing listens until {@link #start}.
   *
   * @param useCases every use case, as {@link UserService#create} wired them
   * @param settings CORS, trusted proxies and body limit
   * @param accessTokens publishes the JWKS at {@code /.well-known/jwks.json}
   * @param clock for {@code expires_in} of issued tokens
   * @param mailQueueDepth mails waiting to be sent, for the {@code mail_queue_depth} gauge
   * @param registry where metrics go (shown by {@link ManagementApi}); {@code null} creates one
   * @param extension more configuration applied last (e.g. the fake mail client's routes);
   *     {@code null} for none
   */
  public HttpApi(UserService useCases, HttpSettings settings, AccessTokens accessTokens,
      Clock clock, LongSupplier mailQueueDepth, PrometheusMeterRegistry registry,
      Consumer<JavalinConfig> extension) {
    this.useCases = Objects.requireNonNull(useCases, "useCases");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(accessTokens, "accessTokens");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(mailQueueDepth, "mailQueueDepth");
    this.trustedProxies = TrustedProxies.parse(settings.trustedProxies());
    this.registry = registry == null ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
        : registry;
    this.metrics = new HttpMetrics(this.registry, mailQueueDepth);

    ObjectMapper mapper = JsonBodies.newMapper();
    JsonBodies bodies = new JsonBodies(mapper, settings.maxBodyBytes());
    Problems problems = new Problems(mapper);
    UserRoutes users = new UserRoutes(useCases, bodies);
    SecurityRoutes security = new SecurityRoutes(useCases, bodies, clock);
    AuditRoutes audit = new AuditRoutes(useCases);
    OperationsRoutes operations = new OperationsRoutes(accessTokens);

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
            && !info.getPath().startsWith(ASSETS)) {
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
      config.routes.before(this::beforeEveryRequest);
      config.routes.beforeMatched(this::authenticate);
      config.routes.after(UnreadBodies::drain);
      config.requestLogger.http(this::logRequest);

      config.routes.apiBuilder(() -> {
        path("/users", () -> {
          post(users::register, Access.ANYONE);
          readable(users::list, Access.ADMIN);
          readable("/count", users::count, Access.ADMIN);
          path("/me", () -> {
            readable(users::getOwn, Access.AUTHENTICATED);
            patch(users::editOwn, Access.AUTHENTICATED);
            post("/verification-code", users::resendCode, Access.AUTHENTICATED);
            post("/verification", users::verify, Access.AUTHENTICATED);
            readable("/events", audit::listOwn, Access.AUTHENTICATED);
          });
          path("/{id}", () -> {
            readable(users::get, Access.AUTHENTICATED);
            patch(users::edit, Access.AUTHENTICATED);
            delete(users::delete, Access.ADMIN);
          });
        });
        path("/security", () -> {
          post("/login", security::login, Access.ANYONE);
          post("/refresh", security::refresh, Access.ANYONE);
          post("/logout", security::logout, Access.ANYONE);
          post("/logout-all", security::logoutAll, Access.AUTHENTICATED);
          put("/password", security::changePassword, Access.AUTHENTICATED);
          post("/password-reset", security::requestReset, Access.ANYONE);
          post("/password-reset/confirm", security::confirmReset, Access.ANYONE);
        });
        readable("/audit-events", audit::list, Access.ADMIN);
        readable("/.well-known/jwks.json", operations::jwks, Access.ANYONE);
        readable("/openapi.json", operations::openApi, Access.ANYONE);
        readable("/docs", operations::docs, Access.ANYONE);
        // The webjar's own page and initializer show the petstore; ours is at /docs.
        readable(ASSETS + "ui/{file}", ctx -> asset(ctx, WEBJAR, "public, max-age=86400",
            Set.of("index.html", "swagger-initializer.js")), Access.ANYONE);
        readable(ASSETS + "app/{file}", ctx -> asset(ctx, "/dev/userservice/adapter/http/docs",
            "no-cache", Set.of()), Access.ANYONE);
      });

      if (extension != null) {
        extension.accept(config);
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
    metrics.close();
  }

  @Override
  public void close() {
    stop();
  }

  /** The registry the metrics are kept in (the one given, or the one created). */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** Every HTTP route registered, with who may call it; for tests and documentation checks. */
  List<Route> routes() {
    synchronized (routes) {
      return List.copyOf(routes);
    }
  }

  private void beforeEveryRequest(Context ctx) {
    String incoming = ctx.header("X-Request-Id");
    String requestId = incoming != null && SANE_REQUEST_ID.matcher(incoming).matches()
        ? incoming : UUID.randomUUID().toString();
    Exchange.requestId(ctx, requestId);
    MDC.put("request_id", requestId);
    Exchange.clientAddress(ctx, trustedProxies.clientAddress(ctx.req().getRemoteAddr(),
        Collections.list(ctx.req().getHeaders("X-Forwarded-For"))));
    ctx.header("X-Request-Id", requestId);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", isPage(ctx.path()) ? PAGE_CSP : API_CSP);
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

  private void authenticate(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (!roles.contains(Access.AUTHENTICATED) && !roles.contains(Access.ADMIN)) {
      return;
    }
    Actor actor = useCases.authenticateAccessToken().authenticate(bearerToken(ctx));
    if (roles.contains(Access.ADMIN) && !actor.isAdmin()) {
      throw new ForbiddenException("only an administrator may do this");
    }
    Exchange.actor(ctx, actor);
  }

  private static String bearerToken(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) {
      throw new UnauthenticatedException("a bearer access token is required");
    }
    // By hand rather than split("\\s+"): on every authenticated request, no regular expression
    // over the whole token (docs/performance.md, "Bearer header parsed by hand").
    String value = header.strip();
    int space = 0;
    while (space < value.length() && !Character.isWhitespace(value.charAt(space))) {
      space++;
    }
    String token = value.substring(space).strip();
    if (!value.regionMatches(true, 0, "Bearer", 0, space) || space != "Bearer".length()
        || token.isEmpty()) {
      throw new UnauthenticatedException("a bearer access token is required");
    }
    return token;
  }

  private void logRequest(Context ctx, Float millis) {
    try {
      Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      String route = endpoint != null ? endpoint.path
          : ctx.path().startsWith("/docs/") ? "/docs/*" : "unmatched";
      int status = ctx.statusCode();
      metrics.request(ctx.method().name(), route, status,
          Duration.ofNanos((long) (millis.doubleValue() * 1_000_000)));
      // Tenths of a millisecond by integer arithmetic, not String.format: this runs for every
      // request (docs/performance.md, "Access log duration").
      long tenths = Math.round(millis.doubleValue() * 10);
      String requestId = Exchange.requestId(ctx);
      // The text line for people; the same facts as named fields (SLF4J key-value pairs) for the
      // JSON log, where the text format leaves them out.
      Actor actor = Exchange.actorIfAny(ctx);
      ACCESS_LOG.atInfo()
          .setMessage("{} {} {} {}.{}ms request_id={}")
          .addArgument(ctx.method().name()).addArgument(ctx.path()).addArgument(status)
          .addArgument(tenths / 10).addArgument(tenths % 10).addArgument(requestId)
          .addKeyValue("http.method", ctx.method().name())
          .addKeyValue("url.path", ctx.path())
          .addKeyValue("http.status", status)
          .addKeyValue("duration_ms", tenths / 10.0)
          .addKeyValue("client.ip", Exchange.clientAddress(ctx))
          .addKeyValue("user.id", actor == null ? null : actor.id().toString())
          .addKeyValue("request.id", requestId)
          .log();
    } finally {
      MDC.remove("request_id");
    }
  }

  private static void asset(Context ctx, String directory, String cacheControl,
      Set<String> hidden) {
    String name = ctx.pathParam("file");
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : ASSET_TYPES.get(name.substring(dot + 1));
    InputStream content = !ASSET_NAME.matcher(name).matches() || hidden.contains(name)
        || type == null ? null : HttpApi.class.getResourceAsStream(directory + "/" + name);
    if (content == null) {
      throw new NotFoundResponse();
    }
    ctx.header("Cache-Control", cacheControl).contentType(type).result(content);
  }

  private static boolean isPage(String path) {
    return path.equals("/docs") || path.startsWith("/docs/") || path.equals("/fake-mail")
        || path.startsWith("/fake-mail/");
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
