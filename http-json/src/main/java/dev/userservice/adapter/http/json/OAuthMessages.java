package dev.userservice.adapter.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.userservice.application.AuthTokens;
import dev.userservice.application.ClientCredentials;
import dev.userservice.application.ExchangeRefreshToken;
import dev.userservice.application.IntrospectToken;
import dev.userservice.application.IssueClientToken;
import dev.userservice.application.RevokeToken;
import dev.userservice.application.UserService;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
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
 * The OAuth 2.0 endpoints' requests and answers: the token endpoint (RFC 6749:
 * {@code client_credentials} and {@code refresh_token}), introspection (RFC 7662) and revocation
 * (RFC 7009), which take form-encoded bodies and answer errors in RFC 6749 §5.2's JSON
 * ({@link #error}); and the documents of the administrators' JSON API for registered clients.
 *
 * <p>A client authenticates with HTTP Basic ({@code client_secret_basic}: the form-encoded id
 * and secret, RFC 6749 §2.3.1) or with {@code client_id} and {@code client_secret} in the body
 * ({@code client_secret_post}), never both. An {@code Authorization} header of another scheme
 * (a bearer token) is not a client authentication and is ignored. The form is the body itself,
 * never parameters of the query.
 */
public final class OAuthMessages {

  public static final List<String> AUTH_METHODS =
      List.of("client_secret_basic", "client_secret_post");
  public static final List<String> GRANT_TYPES = List.of("client_credentials", "refresh_token");
  /** The challenge of a 401 for {@code invalid_client}. */
  public static final String BASIC_CHALLENGE = "Basic realm=\"user-service\", charset=\"UTF-8\"";

  public record ClientBody(String clientName, String scope) {}

  /**
   * A client as the API shows it, in the client metadata names of RFC 7591 §2 and §3.2.1;
   * {@code client_secret} only in the answer to its registration.
   */
  public record ClientJson(String clientId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long clientSecretExpiresAt,
      String clientName, String scope, List<String> grantTypes, String tokenEndpointAuthMethod,
      long clientIdIssuedAt, Instant createdAt, UUID createdBy) {

    /** {@code secret}: the client's secret right after its registration, else {@code null}. */
    public static ClientJson from(OAuthClient client, String secret) {
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

  public record ClientList(List<ClientJson> items) {

    public static ClientList from(List<OAuthClient> clients) {
      return new ClientList(clients.stream().map(client -> ClientJson.from(client, null))
          .toList());
    }
  }

  private OAuthMessages() {}

  /** A request to the token endpoint, read but not yet granted. */
  public static final class TokenRequest {

    private final Form form;
    private final Presented presented;
    private final String grantType;

    private TokenRequest(Form form, Presented presented, String grantType) {
      this.form = form;
      this.presented = presented;
      this.grantType = grantType;
    }

    /**
     * Reads the form body and the client's authentication.
     *
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @throws OAuthException for a malformed form or authentication, or no {@code grant_type}
     */
    public static TokenRequest parse(byte[] body, String authorization) {
      Form form = Form.of(body);
      Presented presented = Presented.of(authorization, form);
      String grantType = form.single("grant_type");
      if (grantType == null) {
        throw new OAuthException(OAuthException.Code.INVALID_REQUEST, "grant_type is required");
      }
      return new TokenRequest(form, presented, grantType);
    }

    /**
     * Grants the token through the use case of its grant type.
     *
     * @return the answer's JSON object, in RFC 6749 §5.1's names
     * @throws OAuthException when the grant type is not supported, or the use case refuses
     */
    public Map<String, Object> grant(UserService useCases, Clock clock, RequestContext request) {
      switch (grantType) {
        case "client_credentials" -> {
          IssueClientToken.ClientToken token = useCases.issueClientToken().issue(
              new IssueClientToken.Command(presented.credentials(), form.single("scope"),
                  request));
          Map<String, Object> body = tokenBody(clock, token.accessToken(), token.expiresAt());
          body.put("scope", token.scopes().text());
          return body;
        }
        case "refresh_token" -> {
          AuthTokens tokens = useCases.exchangeRefreshToken().exchange(
              new ExchangeRefreshToken.Command(presented.credentials(),
                  presented.publicClientId(), form.single("refresh_token"),
                  form.single("scope"), request));
          Map<String, Object> body = tokenBody(clock, tokens.accessToken(),
              tokens.accessTokenExpiresAt());
          body.put("refresh_token", tokens.refreshToken());
          body.put("scope", Scopes.FIRST_PARTY);
          return body;
        }
        default -> throw new OAuthException(OAuthException.Code.UNSUPPORTED_GRANT_TYPE,
            "grant_type must be client_credentials or refresh_token");
      }
    }

    private static Map<String, Object> tokenBody(Clock clock, String accessToken,
        Instant expiresAt) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("access_token", accessToken);
      body.put("token_type", "Bearer");
      body.put("expires_in", SecurityMessages.expiresIn(clock, expiresAt));
      return body;
    }
  }

  /**
   * The command of an introspection request.
   *
   * @param authorization the request's {@code Authorization} header, or {@code null}
   * @throws OAuthException for a malformed form or authentication
   */
  public static IntrospectToken.Command introspection(byte[] body, String authorization,
      RequestContext request) {
    Form form = Form.of(body);
    return new IntrospectToken.Command(Presented.of(authorization, form).credentials(),
        form.single("token"), request);
  }

  /** The answer to an introspection (RFC 7662 §2.2): {@code active}, and the claims if it is. */
  public static Map<String, Object> introspected(Optional<AccessTokens.Inspected> found) {
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
    return body;
  }

  /**
   * The command of a revocation request.
   *
   * @param authorization the request's {@code Authorization} header, or {@code null}
   * @throws OAuthException for a malformed form or authentication
   */
  public static RevokeToken.Command revocation(byte[] body, String authorization,
      RequestContext request) {
    Form form = Form.of(body);
    return new RevokeToken.Command(Presented.of(authorization, form).credentials(),
        form.single("token"), form.single("token_type_hint"), request);
  }

  /**
   * An {@link OAuthException} as RFC 6749 §5.2 answers it: {@code {"error",
   * "error_description"}}, with 400, or 401 and {@link #BASIC_CHALLENGE} when
   * {@link #isInvalidClient} (§5.2 requires the challenge when the client used Basic; HTTP
   * requires one on every 401).
   */
  public static Map<String, Object> error(OAuthException error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.code().wireName());
    body.put("error_description", error.getMessage());
    return body;
  }

  /** Whether {@code error} is answered with 401 and a Basic challenge rather than 400. */
  public static boolean isInvalidClient(OAuthException error) {
    return error.code() == OAuthException.Code.INVALID_CLIENT;
  }

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

    static Presented of(String header, Form form) {
      String postedId = form.single("client_id");
      String postedSecret = form.single("client_secret");
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
