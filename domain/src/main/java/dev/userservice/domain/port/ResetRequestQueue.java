package dev.userservice.domain.port;

import dev.userservice.domain.Email;
import java.util.List;

/**
 * Password-reset requests waiting for the worker that issues the codes. The request itself only
 * queues the email, the same work whether or not an account has it; looking the account up,
 * throttling and mailing happen later, off the request path. Thread-safe.
 */
public interface ResetRequestQueue {

  /**
   * Queues a request for {@code email}. Never blocks. Returns {@code false}, dropping the request,
   * when the queue is full; that happens alike for every email, so it reveals nothing.
   */
  boolean offer(Email email);

  /** Removes and returns up to {@code max} of the oldest requests, oldest first. */
  List<Email> take(int max);
}
