package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.RequestContext;
import java.util.Objects;

/**
 * A request of an authenticated caller that carries nothing else: who asks, and from where (for
 * the throttles and the event). Taken by {@link LogOutEverywhere} and
 * {@link ResendVerificationCode}.
 *
 * @param request where the request came from ({@code null}: trusted code)
 */
public record ActorRequest(Actor actor, RequestContext request) {

  public ActorRequest {
    Objects.requireNonNull(actor, "actor");
    request = RequestContext.orNone(request);
  }
}
