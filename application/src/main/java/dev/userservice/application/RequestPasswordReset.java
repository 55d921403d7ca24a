package dev.userservice.application;

import dev.userservice.domain.Email;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.port.ResetRequestQueue;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Takes a password-reset request without saying, by answer or by time, whether the account
 * exists: the request only queues the email; {@link IssueResetCodes} does the rest off the
 * request path.
 */
@Singleton
public final class RequestPasswordReset {

  private final ResetRequestQueue requests;
  private final Throttles throttles;

  @Inject
  RequestPasswordReset(ResetRequestQueue requests, Throttles throttles) {
    this.requests = requests;
    this.throttles = throttles;
  }

  /**
   * Queues a reset for {@code email}; if it is registered, a code is mailed shortly after. Does
   * the same work for every email: the per-address throttle and one queue insertion, never a
   * lookup of the account. A full queue drops the request, alike for every email. The worker
   * emits {@code password_reset_requested} for a registered account, with this request's context.
   *
   * @throws ThrottledException only for the per-address limit, which does not depend on the email
   */
  public void request(Email email, RequestContext request) {
    RequestContext context = RequestContext.orNone(request);
    throttles.perAddress("reset", context.clientAddress());
    requests.offer(new ResetRequestQueue.Request(email, context));
  }
}
