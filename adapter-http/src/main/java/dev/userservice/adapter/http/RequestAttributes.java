package dev.userservice.adapter.http;

import dev.userservice.domain.Actor;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.UnauthenticatedException;
import io.javalin.http.Context;

/**
 * What the filters learn about a request and the handlers read, kept as the request's Javalin
 * attributes: its id, the client's address, the authenticated caller and, when the bearer token
 * was refused, why.
 */
final class RequestAttributes {

  private static final String REQUEST_ID = "userservice.request-id";
  private static final String CLIENT_ADDRESS = "userservice.client-address";
  private static final String ACTOR = "userservice.actor";
  private static final String CHALLENGE = "userservice.bearer-challenge";

  private RequestAttributes() {}

  static void requestId(Context ctx, String id) {
    ctx.attribute(REQUEST_ID, id);
  }

  static String requestId(Context ctx) {
    String id = ctx.attribute(REQUEST_ID);
    return id == null ? "-" : id;
  }

  static void clientAddress(Context ctx, String address) {
    ctx.attribute(CLIENT_ADDRESS, address);
  }

  static String clientAddress(Context ctx) {
    String address = ctx.attribute(CLIENT_ADDRESS);
    return address == null ? ctx.req().getRemoteAddr() : address;
  }

  /** Where the request came from, as the use cases take it: address, user agent, request id. */
  static RequestContext request(Context ctx) {
    return new RequestContext(clientAddress(ctx), ctx.header("User-Agent"),
        ctx.attribute(REQUEST_ID));
  }

  static void actor(Context ctx, Actor actor) {
    ctx.attribute(ACTOR, actor);
  }

  /** The authenticated caller, or {@code null} when the request carried none (or not yet). */
  static Actor actorIfAny(Context ctx) {
    return ctx.attribute(ACTOR);
  }

  /** The authenticated caller; only routes with {@link Access#AUTHENTICATED} or more have one. */
  static Actor actor(Context ctx) {
    Actor actor = ctx.attribute(ACTOR);
    if (actor == null) {
      throw new UnauthenticatedException("authentication required");
    }
    return actor;
  }

  static void challenge(Context ctx, BearerChallenge challenge) {
    ctx.attribute(CHALLENGE, challenge);
  }

  /** Why the bearer token was refused, or {@code null} when it was not (or none was sent). */
  static BearerChallenge challengeIfAny(Context ctx) {
    return ctx.attribute(CHALLENGE);
  }
}
