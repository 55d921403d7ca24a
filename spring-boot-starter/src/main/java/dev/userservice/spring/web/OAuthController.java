package dev.userservice.spring.web;

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
import dev.userservice.domain.Actor;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * adapter-http's {@code OAuthRoutes}: the token endpoint (RFC 6749: {@code client_credentials}
 * and {@code refresh_token}), introspection (RFC 7662) and revocation (RFC 7009), which take
 * form-encoded bodies and answer errors in RFC 6749 §5.2's JSON ({@link ProblemResponses}); and
 * the administrators' JSON API for registered clients. Same paths, statuses and bodies
 * (openapi.json).
 *
 * <p>A client authenticates with HTTP Basic ({@code client_secret_basic}) or with
 * {@code client_id} and {@code client_secret} in the body ({@code client_secret_post}), never
 * both. An {@code Authorization} header of another scheme is not a client authentication and is
 * ignored. The form is read from the body itself, never from the servlet's parameters, which
 * would mix in the query string.
 */
@RestController
final class OAuthController {

  static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post");
  static final List<String> GRANT_TYPES = List.of("client_credentials", "refresh_token");
  static final String BASIC_CHALLENGE = "Basic realm=\"user-service\", charset=\"UTF-8\"";
  private static final String FORM = "application/x-www-form-urlencoded";

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
  private final Caller caller;
  private final ApiJson json;
  private final Clock clock;

  OAuthController(UserService useCases, Caller caller, ApiJson json, Clock clock) {
    this.useCases = useCases;
    this.caller = caller;
    this.json = json;
    this.clock = clock;
  }

  // --- the OAuth endpoints ---------------------------------------------------------------------

  @PostMapping("/oauth2/token")
  ResponseEntity<byte[]> token(HttpServletRequest request) {
    Form form = Form.of(formBytes(request));
    Presented presented = Presented.of(request, form);
    String grantType = form.single("grant_type");
    if (grantType == null) {
      throw new OAuthException(OAuthException.Code.INVALID_REQUEST, "grant_type is required");
    }
    Map<String, Object> body;
    switch (grantType) {
      case "client_credentials" -> {
        IssueClientToken.ClientToken token = useCases.issueClientToken().issue(
            new IssueClientToken.Command(presented.credentials(), form.single("scope"),
                Caller.context(request)));
        body = tokenBody(token.accessToken(), token.expiresAt());
        body.put("scope", token.scopes().text());
      }
      case "refresh_token" -> {
        AuthTokens tokens = useCases.exchangeRefreshToken().exchange(
            new ExchangeRefreshToken.Command(presented.credentials(), presented.publicClientId(),
                form.single("refresh_token"), form.single("scope"), Caller.context(request)));
        body = tokenBody(tokens.accessToken(), tokens.accessTokenExpiresAt());
        body.put("refresh_token", tokens.refreshToken());
        body.put("scope", Scopes.FIRST_PARTY);
      }
      default -> throw new OAuthException(OAuthException.Code.UNSUPPORTED_GRANT_TYPE,
          "grant_type must be client_credentials or refresh_token");
    }
    return ResponseEntity.ok().header(HttpHeaders.PRAGMA, "no-cache")
        .contentType(MediaType.APPLICATION_JSON).body(json.bytes(body));
  }

  @PostMapping("/oauth2/introspect")
  ResponseEntity<byte[]> introspect(HttpServletRequest request) {
    Form form = Form.of(formBytes(request));
    Optional<AccessTokens.Inspected> found = useCases.introspectToken().introspect(
        new IntrospectToken.Command(Presented.of(request, form).credentials(),
            form.single("token"), Caller.context(request)));
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
    return json.respond(HttpStatus.OK, body);
  }

  @PostMapping("/oauth2/revoke")
  ResponseEntity<Void> revoke(HttpServletRequest request) {
    Form form = Form.of(formBytes(request));
    useCases.revokeToken().revoke(new RevokeToken.Command(
        Presented.of(request, form).credentials(), form.single("token"),
        form.single("token_type_hint"), Caller.context(request)));
    return ResponseEntity.ok().build();
  }

  /**
   * An {@link OAuthException} as RFC 6749 §5.2 answers it: 400, or 401 for
   * {@code invalid_client} with a Basic challenge (§5.2 requires it when the client used Basic;
   * HTTP requires a challenge on every 401), and {@code {"error", "error_description"}}.
   */
  static ResponseEntity<byte[]> error(OAuthException error, ApiJson json) {
    boolean invalidClient = error.code() == OAuthException.Code.INVALID_CLIENT;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.code().wireName());
    body.put("error_description", error.getMessage());
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(
        invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
    if (invalidClient) {
      answer.header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
    }
    return answer.contentType(MediaType.APPLICATION_JSON).body(json.bytes(body));
  }

  private Map<String, Object> tokenBody(String accessToken, Instant expiresAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("token_type", "Bearer");
    body.put("expires_in", SecurityMessages.expiresIn(clock, expiresAt));
    return body;
  }

  /** The raw form body; another media type is a 415. */
  private static byte[] formBytes(HttpServletRequest request) {
    String type = request.getContentType();
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals(FORM)) {
      throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "the request body must be a form (Content-Type: " + FORM + ")");
    }
    try {
      return request.getInputStream().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- registered clients (administrators) -----------------------------------------------------

  @PostMapping("/oauth2/clients")
  ResponseEntity<byte[]> registerClient(HttpServletRequest request,
      @RequestBody(required = false) byte[] raw) {
    Actor actor = caller.admin(request);
    ClientBody body = json.read(request.getContentType(), raw, ClientBody.class);
    RegisterClient.Registered registered = useCases.registerClient().register(
        new RegisterClient.Command(actor, body.clientName(), body.scope(),
            Caller.context(request)));
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.LOCATION, "/oauth2/clients/" + registered.client().id())
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.bytes(ClientJson.from(registered.client(), registered.secret())));
  }

  @GetMapping("/oauth2/clients")
  ResponseEntity<byte[]> listClients(HttpServletRequest request) {
    List<OAuthClient> clients = useCases.listClients().list(
        new ActorRequest(caller.admin(request), Caller.context(request)));
    return json.respond(HttpStatus.OK, new ClientList(clients.stream()
        .map(client -> ClientJson.from(client, null)).toList()));
  }

  @GetMapping("/oauth2/clients/{id}")
  ResponseEntity<byte[]> getClient(HttpServletRequest request, @PathVariable("id") String id) {
    return json.respond(HttpStatus.OK, ClientJson.from(useCases.getClient().get(
        new GetClient.Query(caller.admin(request), id)), null));
  }

  @DeleteMapping("/oauth2/clients/{id}")
  ResponseEntity<Void> deleteClient(HttpServletRequest request, @PathVariable("id") String id) {
    useCases.deleteClient().delete(new DeleteClient.Command(caller.admin(request), id,
        Caller.context(request)));
    return ResponseEntity.noContent().build();
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

    static Presented of(HttpServletRequest request, Form form) {
      String postedId = form.single("client_id");
      String postedSecret = form.single("client_secret");
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
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
