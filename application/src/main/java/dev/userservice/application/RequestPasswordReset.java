package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.Email;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.User;
import dev.userservice.domain.UserId;
import dev.userservice.domain.event.Initiator;
import dev.userservice.domain.port.ResetRequestQueue;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;

/**
 * Takes a password-reset request without saying, by answer or by time, whether the account
 * exists: the request only queues the email; {@link IssueResetCodes} does the rest off the
 * request path.
 */
@Singleton
public final class RequestPasswordReset {

  /**
   * A reset request for {@code email}.
   *
   * @param request where the request came from, for the per-address throttle and the event
   *     ({@code null}: trusted code)
   */
  public record Command(Email email, RequestContext request) {

    /**
     * A reset request from the raw email, as a client sends it.
     *
     * @throws dev.userservice.domain.InvalidInputException when the email is invalid
     */
    public Command(String email, RequestContext request) {
      this(Email.of(email, "email"), request);
    }

    public Command {
      Objects.requireNonNull(email, "email");
      request = RequestContext.orNone(request);
    }
  }

  /**
   * An administrator sending the account {@code target} names a reset code, as its owner could ask
   * for one (the admin console's "send a password reset").
   */
  public record ForUser(Actor actor, UserId target, RequestContext request) {

    public ForUser {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(target, "target");
      request = RequestContext.orNone(request);
    }
  }

  private final ResetRequestQueue requests;
  private final Throttles throttles;
  private final UserRepository users;

  @Inject
  RequestPasswordReset(ResetRequestQueue requests, Throttles throttles, UserRepository users) {
    this.requests = requests;
    this.throttles = throttles;
    this.users = users;
  }

  /**
   * Queues a reset for the email; if it is registered, a code is mailed shortly after. Does
   * the same work for every email: the per-address throttle and one queue insertion, never a
   * lookup of the account. A full queue drops the request, alike for every email. The worker
   * emits {@code password_reset_requested} for a registered account, with this request's context.
   *
   * @throws ThrottledException only for the per-address limit, which does not depend on the email
   */
  public void request(Command command) {
    throttles.perAddress("reset", command.request().clientAddress());
    requests.offer(new ResetRequestQueue.Request(command.email(), command.request()));
  }

  /**
   * Queues a reset for the account {@code command} names, as {@link #request(Command)} does for
   * its email; the worker's {@code password_reset_requested} names the administrator as its actor.
   * An administrator already knows which accounts exist, so an unknown id is said.
   *
   * @throws dev.userservice.domain.ForbiddenException when the actor is not an administrator
   * @throws NotFoundException when there is no such user
   * @throws ThrottledException for the per-address limit
   */
  public void request(ForUser command) {
    Authorization.requireAdmin(command.actor());
    User user = users.findById(command.target())
        .orElseThrow(() -> new NotFoundException("no such user"));
    throttles.perAddress("reset", command.request().clientAddress());
    requests.offer(new ResetRequestQueue.Request(user.email(), command.request(),
        Initiator.of(command.actor(), user.id())));
  }
}
