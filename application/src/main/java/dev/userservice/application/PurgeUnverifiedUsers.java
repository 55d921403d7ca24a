package dev.userservice.application;

import dev.userservice.domain.UserId;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.Clock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/** Removes accounts that were never verified in time. Run periodically. */
@Singleton
public final class PurgeUnverifiedUsers {

  private final UserWrites writes;
  private final Clock clock;
  private final SecurityPolicy policy;

  @Inject
  PurgeUnverifiedUsers(UserWrites writes, Clock clock, SecurityPolicy policy) {
    this.writes = writes;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Deletes every never-verified account older than the policy's limit, with its sessions and
   * codes; {@code user_purged} is stored with each removal. Safe to run on several instances at
   * once: each account is deleted by one of them.
   *
   * @return how many accounts were removed
   */
  public int purge() {
    var now = clock.now();
    List<UserId> removed = writes.deleteNeverVerifiedCreatedBefore(
        now.minus(policy.unverifiedAccountTtl()),
        id -> new UserEvent.UserPurged(UserEvent.Meta.bySystem(now, id)));
    return removed.size();
  }
}
