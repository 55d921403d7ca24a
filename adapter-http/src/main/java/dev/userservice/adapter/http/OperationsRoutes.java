package dev.userservice.adapter.http;

import dev.userservice.domain.port.AccessTokens;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public operational routes: JWKS, the authorization server metadata, the OpenAPI document
 * and Swagger UI (health and metrics are {@link ManagementApi}'s).
 */
final class OperationsRoutes {

  /**
   * The endpoint paths the metadata publishes, below the public URL; {@link HttpApi} registers
   * its routes at the same paths.
   */
  static final String JWKS_PATH = "/.well-known/jwks.json";
  static final String DOCS_PATH = "/docs";

  private final AccessTokens accessTokens;
  private final Map<String, Object> metadata;
  private final byte[] openApi = resource("/openapi.json");
  private final byte[] docsPage = resource("/dev/userservice/adapter/http/docs/index.html");

  /** @param publicUrl where clients reach the API, without a trailing slash */
  OperationsRoutes(AccessTokens accessTokens, String publicUrl) {
    this.accessTokens = accessTokens;
    this.metadata = metadata(accessTokens.issuer(), publicUrl);
  }

  /**
   * The authorization server metadata (RFC 8414 §2), served both at
   * {@code /.well-known/oauth-authorization-server} and, for libraries that look only there (and
   * Spring Security's {@code issuer-uri}, which tries it first), at
   * {@code /.well-known/openid-configuration}: the same document, without the fields only an
   * OpenID Provider has, as this service issues no ID tokens and has no authorization endpoint.
   * Resource servers need {@code issuer} (the {@code iss} of the tokens, which they compare with
   * the URL they were given) and {@code jwks_uri}.
   */
  void metadata(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=3600");
    ctx.json(metadata);
  }

  void jwks(Context ctx) {
    // Public keys: caches may keep them a while; rotation keeps old keys published meanwhile.
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.json(accessTokens.jwks());
  }

  void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }

  void docs(Context ctx) {
    ctx.status(HttpStatus.OK).contentType("text/html; charset=utf-8").result(docsPage);
  }

  /**
   * Only what exists is published: an endpoint is listed once it is served. The lists RFC 8414
   * gives a default when they are missing ({@code grant_types_supported}: authorization code and
   * implicit; {@code token_endpoint_auth_methods_supported}: client_secret_basic) are written
   * out, and {@code response_types_supported}, which is required, is empty: every response type
   * is answered by an authorization endpoint, and there is none. {@code scopes_supported} is left
   * out: a registered client's scopes are whatever its administrator allows (the scopes of the
   * services that accept its tokens), not a list this service knows.
   */
  private static Map<String, Object> metadata(String issuer, String publicUrl) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer);
    document.put("jwks_uri", publicUrl + JWKS_PATH);
    document.put("response_types_supported", List.of());
    document.put("token_endpoint", publicUrl + OAuthRoutes.TOKEN_PATH);
    document.put("grant_types_supported", OAuthRoutes.GRANT_TYPES);
    document.put("token_endpoint_auth_methods_supported", OAuthRoutes.AUTH_METHODS);
    document.put("introspection_endpoint", publicUrl + OAuthRoutes.INTROSPECTION_PATH);
    document.put("introspection_endpoint_auth_methods_supported", OAuthRoutes.AUTH_METHODS);
    document.put("revocation_endpoint", publicUrl + OAuthRoutes.REVOCATION_PATH);
    document.put("revocation_endpoint_auth_methods_supported", OAuthRoutes.AUTH_METHODS);
    document.put("service_documentation", publicUrl + DOCS_PATH);
    return Collections.unmodifiableMap(document);
  }

  private static byte[] resource(String name) {
    try (InputStream in = OperationsRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the adapter-http jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
