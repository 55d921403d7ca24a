package dev.userservice.domain.port;

import dev.userservice.domain.Email;
import dev.userservice.domain.RequestContext;
import dev.userservice.domain.event.Initiator;
import java.util.List;
import java.util.Objects;

/**
 * Password-reset requests waiting for the worker that issues the codes. The request itself only
 * queues the email, the same work whether or not an account has it; looking the account up,
 * throttling and mailing happen later, off the request path. Thread-safe.
 */
public interface ResetRequestQueue {

  /**
   * A queued request: the email, where the request came from and who made it (for its event):
   * anonymous when the account's owner asks, an administrator when one sends it.
   */
  record Request(Email email, RequestContext context, Initiator initiator) {

    /** A request anyone may make for an email: its initiator is anonymous. */
    public Request(Email email, RequestContext context) {
      this(email, context, Initiator.anonymous());
    }

    public Request {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(initiator, "initiator");
      context = RequestContext.orNone(context);
    }
  }

  /**
   * Queues {@code request}. Never blocks. Returns {@code false}, dropping the request, when the
   * queue is full; that happens alike for every email, so it reveals nothing.
   */
  boolean offer(Request request);

  /** Removes and returns up to {@code max} of the oldest requests, oldest first. */
  List<Request> take(int max);
}
