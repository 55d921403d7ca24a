package dev.userservice.application;

import dev.userservice.domain.RequestContext;

/**
 * A refresh token as the client holds it, to rotate ({@link RefreshSession}) or to end its session
 * with ({@link LogOut}); blank is refused here, anything else malformed by the use case, as an
 * authentication failure.
 *
 * @param request where the request came from, for the event ({@code null}: trusted code)
 */
public record PresentedRefreshToken(String refreshToken, RequestContext request) {

  /** @throws dev.userservice.domain.InvalidInputException when the token is absent or blank */
  public PresentedRefreshToken {
    RefreshToken.requirePresent(refreshToken);
    request = RequestContext.orNone(request);
  }

  /** Never shows the token: it is a credential. */
  @Override
  public String toString() {
    return "PresentedRefreshToken[refreshToken=***, request=" + request + "]";
  }
}
