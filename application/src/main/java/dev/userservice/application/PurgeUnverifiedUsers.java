package dev.userservice.application;

import dev.userservice.domain.UserId;
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
   * codes. Safe to run on several instances at once: each account is deleted by one of them.
   *
   * @return how many accounts were removed
   */
  public int purge() {
    List<UserId> removed =
        writes.deleteNeverVerifiedCreatedBefore(clock.now().minus(policy.unverifiedAccountTtl()));
    return removed.size();
  }
}
