package dev.userservice.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.userservice.adapter.http.json.SecurityMessages;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.AuthTokens;
import dev.userservice.application.ClientCredentials;
import dev.userservice.application.DeleteClient;
import dev.userservice.application.ExchangeRefreshToken;
import dev.userservice.application.GetClient;
import dev.userservice.application.IntrospectToken;
import dev.userservice.application.IssueClientToken;
import dev.userservice.application.RegisterClient;
import dev.userservice.application.RevokeToken;
import dev.userservice.application.UserService;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OAuth 2.0 endpoints under {@code /oauth2}: the token endpoint (RFC 6749:
 * {@code client_credentials} and {@code refresh_token}), token introspection (RFC 7662) and
 * revocation (RFC 7009), which take form-encoded bodies and answer errors in RFC 6749 §5.2's JSON
 * (see {@link #writeError}); and the administrators' JSON API for registered clients.
 *
 * <p>A client authenticates with HTTP Basic ({@code client_secret_basic}: the form-encoded id
 * and secret, RFC 6749 §2.3.1) or with {@code client_id} and {@code client_secret} in the body
 * ({@code client_secret_post}), never both. An {@code Authorization} header of another scheme
 * (a bearer token) is not a client authentication and is ignored.
 */
final class OAuthRoutes {

  static final String TOKEN_PATH = "/oauth2/token";
  static final String INTROSPECTION_PATH = "/oauth2/introspect";
  static final String REVOCATION_PATH = "/oauth2/revoke";
  static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post");
  static final List<String> GRANT_TYPES = List.of("client_credentials", "refresh_token");
  static final String BASIC_CHALLENGE = "Basic realm=\"user-service\", charset=\"UTF-8\"";

  record ClientBody(String clientName, String scope) {}

  /**
   * A client as the API shows it, in the client metadata names of RFC 7591 §2 and §3.2.1;
   * {@code client_secret} only in the answer to its registration.
   */
  record ClientJson(String clientId, @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long clientSecretExpiresAt,
      String clientName, String scope, List<String> grantTypes, String tokenEndpointAuthMethod,
      long clientIdIssuedAt, Instant createdAt, UUID createdBy) {

    static ClientJson from(OAuthClient client, String secret) {
      return new ClientJson(client.id().value(), secret, secret == null ? null : 0L,
          client.name(), client.scopes().text(), List.of("client_credentials"),
          AUTH_METHODS.get(0), client.createdAt().getEpochSecond(), client.createdAt(),
          client.createdBy() == null ? null : client.createdBy().value());
    }

    @Override
    public String toString() {
      return "ClientJson[clientId=" + clientId + ", clientSecret=***]";
    }
  }

  record ClientList(List<ClientJson> items) {}

  private final UserService useCases;
  private final JsonBodies bodies;
  private final Clock clock;

  OAuthRoutes(UserService useCases, JsonBodies bodies, Clock clock) {
    this.useCases = useCases;
    this.bodies = bodies;
    this.clock = clock;
  }

  // --- the OAuth endpoints ---------------------------------------------------------------------

  void token(Context ctx) {
    Form form = Form.of(bodies.formBytes(ctx));
    Presented presented = Presented.of(ctx, form);
    String grantType = form.single("grant_type");
    if (grantType == null) {
      throw new OAuthException(OAuthException.Code.INVALID_REQUEST, "grant_type is required");
    }
    ctx.header("Pragma", "no-cache");
    switch (grantType) {
      case "client_credentials" -> {
        IssueClientToken.ClientToken token = useCases.issueClientToken().issue(
            new IssueClientToken.Command(presented.credentials(), form.single("scope"),
                RequestAttributes.request(ctx)));
        Map<String, Object> body = tokenBody(token.accessToken(), token.expiresAt());
        body.put("scope", token.scopes().text());
        ctx.json(body);
      }
      case "refresh_token" -> {
        AuthTokens tokens = useCases.exchangeRefreshToken().exchange(
            new ExchangeRefreshToken.Command(presented.credentials(), presented.publicClientId(),
                form.single("refresh_token"), form.single("scope"),
                RequestAttributes.request(ctx)));
        Map<String, Object> body = tokenBody(tokens.accessToken(), tokens.accessTokenExpiresAt());
        body.put("refresh_token", tokens.refreshToken());
        body.put("scope", Scopes.FIRST_PARTY);
        ctx.json(body);
      }
      default -> throw new OAuthException(OAuthException.Code.UNSUPPORTED_GRANT_TYPE,
          "grant_type must be client_credentials or refresh_token");
    }
  }

  void introspect(Context ctx) {
    Form form = Form.of(bodies.formBytes(ctx));
    Optional<AccessTokens.Inspected> found = useCases.introspectToken().introspect(
        new IntrospectToken.Command(Presented.of(ctx, form).credentials(), form.single("token"),
            RequestAttributes.request(ctx)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", found.isPresent());
    found.ifPresent(token -> {
      body.put("scope", token.scope());
      body.put("client_id", token.clientId());
      body.put("token_type", "Bearer");
      body.put("exp", token.expiresAt().getEpochSecond());
      body.put("iat", token.issuedAt().getEpochSecond());
      body.put("sub", token.subject());
      body.put("aud", token.audience());
      body.put("iss", token.issuer());
      if (token.user() != null) {
        body.put("sid", token.user().session().value());
        body.put("roles", token.roles());
      }
    });
    ctx.json(body);
  }

  void revoke(Context ctx) {
    Form form = Form.of(bodies.formBytes(ctx));
    useCases.revokeToken().revoke(new RevokeToken.Command(Presented.of(ctx, form).credentials(),
        form.single("token"), form.single("token_type_hint"), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.OK);
  }

  /**
   * An {@link OAuthException} as RFC 6749 §5.2 answers it: 400, or 401 for
   * {@code invalid_client} with a Basic challenge (§5.2 requires it when the client used Basic;
   * HTTP requires a challenge on every 401), and {@code {"error", "error_description"}}.
   */
  static void writeError(Context ctx, OAuthException error) {
    boolean invalidClient = error.code() == OAuthException.Code.INVALID_CLIENT;
    if (invalidClient) {
      ctx.header(BearerChallenge.HEADER, BASIC_CHALLENGE);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.code().wireName());
    body.put("error_description", error.getMessage());
    ctx.status(invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST).json(body);
  }

  private Map<String, Object> tokenBody(String accessToken, Instant expiresAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("token_type", "Bearer");
    body.put("expires_in", SecurityMessages.expiresIn(clock, expiresAt));
    return body;
  }

  // --- registered clients (administrators) -----------------------------------------------------

  void registerClient(Context ctx) {
    ClientBody body = bodies.read(ctx, ClientBody.class);
    RegisterClient.Registered registered = useCases.registerClient().register(
        new RegisterClient.Command(RequestAttributes.actor(ctx), body.clientName(), body.scope(),
            RequestAttributes.request(ctx)));
    ctx.header("Location", "/oauth2/clients/" + registered.client().id());
    ctx.status(HttpStatus.CREATED).json(ClientJson.from(registered.client(), registered.secret()));
  }

  void listClients(Context ctx) {
    List<OAuthClient> clients = useCases.listClients().list(
        new ActorRequest(RequestAttributes.actor(ctx), RequestAttributes.request(ctx)));
    ctx.json(new ClientList(clients.stream().map(client -> ClientJson.from(client, null))
        .toList()));
  }

  void getClient(Context ctx) {
    ctx.json(ClientJson.from(useCases.getClient().get(new GetClient.Query(
        RequestAttributes.actor(ctx), ctx.pathParam("id"))), null));
  }

  void deleteClient(Context ctx) {
    useCases.deleteClient().delete(new DeleteClient.Command(RequestAttributes.actor(ctx),
        ctx.pathParam("id"), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  // --- request parsing -------------------------------------------------------------------------

  /** A form-encoded body whose every parameter appears at most once (RFC 6749 §3.1, §3.2). */
  private record Form(Map<String, List<String>> params) {

    static Form of(byte[] body) {
      Map<String, List<String>> params = new LinkedHashMap<>();
      String text = new String(body, StandardCharsets.UTF_8);
      try {
        for (String pair : text.split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int equals = pair.indexOf('=');
          String name = equals < 0 ? pair : pair.substring(0, equals);
          String value = equals < 0 ? "" : pair.substring(equals + 1);
          params.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
              key -> new ArrayList<>()).add(URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
      } catch (IllegalArgumentException malformedEscape) {
        throw new OAuthException(OAuthException.Code.INVALID_REQUEST,
            "the form body is malformed");
      }
      return new Form(params);
    }

    /** The parameter's value; {@code null} when absent or empty (§3.1: same as omitted). */
    String single(String name) {
      List<String> values = params.getOrDefault(name, List.of());
      if (values.size() > 1) {
        throw new OAuthException(OAuthException.Code.INVALID_REQUEST,
            name + " must not be repeated");
      }
      return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
  }

  /**
   * How the caller identified itself: a registered client's credentials (by one method), or a
   * public client's bare {@code client_id}.
   */
  private record Presented(ClientCredentials credentials, String publicClientId) {

    static Presented of(Context ctx, Form form) {
      String postedId = form.single("client_id");
      String postedSecret = form.single("client_secret");
      String header = ctx.header("Authorization");
      boolean basic = header != null && header.length() >= 6
          && header.regionMatches(true, 0, "Basic ", 0, 6);
      if (!basic) {
        if (postedSecret == null) {
          return new Presented(null, postedId);
        }
        if (postedId == null) {
          throw new OAuthException(OAuthException.Code.INVALID_REQUEST,
              "client_secret needs client_id");
        }
        return new Presented(new ClientCredentials(postedId, postedSecret), null);
      }
      if (postedSecret != null) {
        throw new OAuthException(OAuthException.Code.INVALID_REQUEST,
            "use one client authentication method, not Basic and client_secret both");
      }
      ClientCredentials credentials = basic(header.substring(6).strip());
      if (postedId != null && !postedId.equals(credentials.clientId())) {
        throw new OAuthException(OAuthException.Code.INVALID_REQUEST,
            "client_id differs from the authenticated client");
      }
      return new Presented(credentials, null);
    }

    /** RFC 6749 §2.3.1: base64 of the form-encoded id, a colon, the form-encoded secret. */
    private static ClientCredentials basic(String encoded) {
      try {
        String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
          throw malformed();
        }
        return new ClientCredentials(
            URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw malformed();
      }
    }

    private static OAuthException malformed() {
      return new OAuthException(OAuthException.Code.INVALID_CLIENT,
          "the Basic credentials are malformed");
    }
  }
}
