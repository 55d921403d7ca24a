package dev.userservice.application;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.ThrottledException;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.ResetRequestQueue;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Mails reset codes for the requests {@link RequestPasswordReset} queued. Run by a worker. */
@Singleton
public final class IssueResetCodes {

  /** How many requests one {@link #issueQueued()} call handles at most. */
  static final int BATCH = 100;

  private final UserRepository users;
  private final ResetRequestQueue requests;
  private final Codes codes;
  private final Clock clock;
  private final Events events;

  @Inject
  IssueResetCodes(UserRepository users, ResetRequestQueue requests, Codes codes, Clock clock,
      Events events) {
    this.clock = clock;
    this.events = events;
    this.users = users;
    this.requests = requests;
    this.codes = codes;
  }

  /**
   * Takes queued requests and, for each email that is registered, queues a letter with a new
   * reset code, voiding the previous one. Skipped silently, as the requester must not learn of
   * it: unknown emails, accounts within the per-user resend limit, and accounts whose resets are
   * locked after too many wrong codes. Each request for a registered account emits
   * {@code password_reset_requested}, saying whether a code was sent.
   *
   * @return how many requests were taken; below {@link #BATCH} when the queue is now empty
   * @throws UnavailableException when a store cannot be reached; the requests of this batch not
   *     yet handled are queued again for the next call
   */
  public int issueQueued() {
    List<ResetRequestQueue.Request> batch = requests.take(BATCH);
    for (int i = 0; i < batch.size(); i++) {
      try {
        issue(batch.get(i));
      } catch (UnavailableException outage) {
        // A store blinked: the requests not yet handled wait for the next run.
        batch.subList(i, batch.size()).forEach(requests::offer);
        throw outage;
      }
    }
    return batch.size();
  }

  private void issue(ResetRequestQueue.Request request) {
    Optional<User> found = users.findByEmail(request.email());
    if (found.isEmpty()) {
      return;
    }
    User user = found.get();
    boolean sent = false;
    if (codes.lockout(user, CodePurpose.PASSWORD_RESET).isZero()) {
      try {
        codes.send(user, CodePurpose.PASSWORD_RESET, user.email());
        sent = true;
      } catch (ThrottledException tooSoon) {
        // A code went out moments ago; the requester hears 202 either way.
      }
    }
    events.publish(new UserEvent.PasswordResetRequested(
        new UserEvent.Meta(clock.now(), user.id(), request.initiator(), null, request.context()),
        sent));
  }
}
