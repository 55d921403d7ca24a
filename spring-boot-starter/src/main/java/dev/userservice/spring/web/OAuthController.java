package dev.userservice.spring.web;

import dev.userservice.adapter.http.json.OAuthMessages;
import dev.userservice.adapter.http.json.OAuthMessages.ClientBody;
import dev.userservice.adapter.http.json.OAuthMessages.ClientJson;
import dev.userservice.adapter.http.json.OAuthMessages.ClientList;
import dev.userservice.adapter.http.json.OAuthMessages.TokenRequest;
import dev.userservice.adapter.http.json.StrictJson;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.DeleteClient;
import dev.userservice.application.GetClient;
import dev.userservice.application.RegisterClient;
import dev.userservice.application.UserService;
import dev.userservice.domain.Actor;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * adapter-http's {@code OAuthRoutes}: the token endpoint, introspection and revocation, which
 * take form-encoded bodies and answer errors in RFC 6749 §5.2's JSON ({@link ProblemResponses});
 * and the administrators' JSON API for registered clients. Same paths, statuses and bodies
 * (openapi.json): what they read and answer, and how a client authenticates, is
 * {@link OAuthMessages}'s. The form is read from the body itself, never from the servlet's
 * parameters, which would mix in the query string.
 */
@RestController
final class OAuthController {

  private static final String FORM = "application/x-www-form-urlencoded";

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
    TokenRequest token = TokenRequest.parse(formBytes(request),
        request.getHeader(HttpHeaders.AUTHORIZATION));
    Map<String, Object> body = token.grant(useCases, clock, Caller.context(request));
    return ResponseEntity.ok().header(HttpHeaders.PRAGMA, "no-cache")
        .contentType(MediaType.APPLICATION_JSON).body(json.bytes(body));
  }

  @PostMapping("/oauth2/introspect")
  ResponseEntity<byte[]> introspect(HttpServletRequest request) {
    Optional<AccessTokens.Inspected> found = useCases.introspectToken().introspect(
        OAuthMessages.introspection(formBytes(request),
            request.getHeader(HttpHeaders.AUTHORIZATION), Caller.context(request)));
    return json.respond(HttpStatus.OK, OAuthMessages.introspected(found));
  }

  @PostMapping("/oauth2/revoke")
  ResponseEntity<Void> revoke(HttpServletRequest request) {
    useCases.revokeToken().revoke(OAuthMessages.revocation(formBytes(request),
        request.getHeader(HttpHeaders.AUTHORIZATION), Caller.context(request)));
    return ResponseEntity.ok().build();
  }

  /**
   * An {@link OAuthException} as RFC 6749 §5.2 answers it ({@link OAuthMessages#error}): 400, or
   * 401 with a Basic challenge for {@code invalid_client}.
   */
  static ResponseEntity<byte[]> error(OAuthException error, ApiJson json) {
    boolean invalidClient = OAuthMessages.isInvalidClient(error);
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(
        invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
    if (invalidClient) {
      answer.header(HttpHeaders.WWW_AUTHENTICATE, OAuthMessages.BASIC_CHALLENGE);
    }
    return answer.contentType(MediaType.APPLICATION_JSON)
        .body(json.bytes(OAuthMessages.error(error)));
  }

  /** The raw form body; another media type is a 415. */
  private static byte[] formBytes(HttpServletRequest request) {
    if (!StrictJson.mediaType(request.getContentType()).equals(FORM)) {
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
    return json.respond(HttpStatus.OK, ClientList.from(clients));
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
}
