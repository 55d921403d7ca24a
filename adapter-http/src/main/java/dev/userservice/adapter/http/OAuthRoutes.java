package dev.userservice.adapter.http;

import dev.userservice.adapter.http.json.OAuthMessages;
import dev.userservice.adapter.http.json.OAuthMessages.ClientBody;
import dev.userservice.adapter.http.json.OAuthMessages.ClientJson;
import dev.userservice.adapter.http.json.OAuthMessages.ClientList;
import dev.userservice.adapter.http.json.OAuthMessages.TokenRequest;
import dev.userservice.application.ActorRequest;
import dev.userservice.application.DeleteClient;
import dev.userservice.application.GetClient;
import dev.userservice.application.RegisterClient;
import dev.userservice.application.UserService;
import dev.userservice.domain.OAuthClient;
import dev.userservice.domain.OAuthException;
import dev.userservice.domain.port.AccessTokens;
import dev.userservice.domain.port.Clock;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth 2.0 endpoints under {@code /oauth2}: the token endpoint, token introspection and
 * revocation, which take form-encoded bodies and answer errors in RFC 6749 §5.2's JSON (see
 * {@link #writeError}); and the administrators' JSON API for registered clients. What they read
 * and answer, and how a client authenticates, is {@link OAuthMessages}'s, shared with the Spring
 * Boot starter.
 */
final class OAuthRoutes {

  static final String TOKEN_PATH = "/oauth2/token";
  static final String INTROSPECTION_PATH = "/oauth2/introspect";
  static final String REVOCATION_PATH = "/oauth2/revoke";
  static final List<String> AUTH_METHODS = OAuthMessages.AUTH_METHODS;
  static final List<String> GRANT_TYPES = OAuthMessages.GRANT_TYPES;

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
    TokenRequest request = TokenRequest.parse(bodies.formBytes(ctx), ctx.header("Authorization"));
    ctx.header("Pragma", "no-cache");
    ctx.json(request.grant(useCases, clock, RequestAttributes.request(ctx)));
  }

  void introspect(Context ctx) {
    Optional<AccessTokens.Inspected> found = useCases.introspectToken().introspect(
        OAuthMessages.introspection(bodies.formBytes(ctx), ctx.header("Authorization"),
            RequestAttributes.request(ctx)));
    ctx.json(OAuthMessages.introspected(found));
  }

  void revoke(Context ctx) {
    useCases.revokeToken().revoke(OAuthMessages.revocation(bodies.formBytes(ctx),
        ctx.header("Authorization"), RequestAttributes.request(ctx)));
    ctx.status(HttpStatus.OK);
  }

  /**
   * An {@link OAuthException} as RFC 6749 §5.2 answers it ({@link OAuthMessages#error}): 400, or
   * 401 with a Basic challenge for {@code invalid_client}.
   */
  static void writeError(Context ctx, OAuthException error) {
    boolean invalidClient = OAuthMessages.isInvalidClient(error);
    if (invalidClient) {
      ctx.header(BearerChallenge.HEADER, OAuthMessages.BASIC_CHALLENGE);
    }
    ctx.status(invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST)
        .json(OAuthMessages.error(error));
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
    ctx.json(ClientList.from(clients));
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
}
