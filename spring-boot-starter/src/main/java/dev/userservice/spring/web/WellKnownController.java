package dev.userservice.spring.web;

import dev.userservice.adapter.http.json.OAuthMessages;
import dev.userservice.domain.port.AccessTokens;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * adapter-http's public {@code /.well-known} documents: the JWKS and the authorization server
 * metadata (RFC 8414 §2), the latter also at {@code /.well-known/openid-configuration}. The
 * endpoint URLs are the host's own base URL as the request shows it (set
 * {@code server.forward-headers-strategy} behind a proxy); {@code issuer} is
 * {@code user-service.issuer}, which a resource server discovering us compares with the URL it
 * was given, so set it to the host's public URL.
 */
@RestController
final class WellKnownController {

  static final String JWKS_PATH = "/.well-known/jwks.json";
  static final String METADATA_PATH = "/.well-known/oauth-authorization-server";
  static final String OPENID_PATH = "/.well-known/openid-configuration";

  private final AccessTokens accessTokens;
  private final ApiJson json;

  WellKnownController(AccessTokens accessTokens, ApiJson json) {
    this.accessTokens = accessTokens;
    this.json = json;
  }

  @GetMapping(JWKS_PATH)
  ResponseEntity<byte[]> jwks(HttpServletResponse response) {
    // Public keys: caches may keep them a while; rotation keeps old keys published meanwhile.
    response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    return json.respond(HttpStatus.OK, accessTokens.jwks());
  }

  /**
   * Only what is served is published; {@code response_types_supported}, which is required, is
   * empty as there is no authorization endpoint; {@code scopes_supported} is left out (a
   * client's scopes are what its administrator allows). adapter-http's OperationsRoutes says
   * why at length.
   */
  @GetMapping({METADATA_PATH, OPENID_PATH})
  ResponseEntity<byte[]> metadata(HttpServletResponse response) {
    String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", accessTokens.issuer());
    document.put("jwks_uri", base + JWKS_PATH);
    document.put("response_types_supported", List.of());
    document.put("token_endpoint", base + "/oauth2/token");
    document.put("grant_types_supported", OAuthMessages.GRANT_TYPES);
    document.put("token_endpoint_auth_methods_supported", OAuthMessages.AUTH_METHODS);
    document.put("introspection_endpoint", base + "/oauth2/introspect");
    document.put("introspection_endpoint_auth_methods_supported", OAuthMessages.AUTH_METHODS);
    document.put("revocation_endpoint", base + "/oauth2/revoke");
    document.put("revocation_endpoint_auth_methods_supported", OAuthMessages.AUTH_METHODS);
    response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    return json.respond(HttpStatus.OK, document);
  }
}
