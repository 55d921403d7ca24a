package dev.userservice.application;

import dev.userservice.domain.Actor;
import dev.userservice.domain.NotFoundException;
import dev.userservice.domain.User;
import dev.userservice.domain.event.UserEvent;
import dev.userservice.domain.port.AuditCursor;
import dev.userservice.domain.port.AuditEntry;
import dev.userservice.domain.port.AuditFilter;
import dev.userservice.domain.port.AuditPage;
import dev.userservice.domain.port.AuditTrail;
import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.SessionInfo;
import dev.userservice.domain.port.SessionStore;
import dev.userservice.domain.port.UserRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Gives the calling user a copy of everything the service holds about them (GDPR art. 20). */
@Singleton
public final class ExportOwnData {

  /** How many exports one account may take per hour: each reads its whole audit history. */
  static final RateLimit EXPORTS_PER_ACCOUNT = new RateLimit(5, Duration.ofHours(1));

  /** The most audit entries one export carries (newest first); the rest is pruned in time. */
  static final int MAX_EVENTS = 10_000;

  /**
   * Everything held about one account: the account (which the HTTP API shows, as every user
   * response, without its password hash), its live sessions, and its audit entries, newest
   * first.
   *
   * @param eventsTruncated whether older entries than {@link #MAX_EVENTS} were left out
   */
  public record Export(Instant exportedAt, User user, List<SessionInfo> sessions,
      List<AuditEntry> events, boolean eventsTruncated) {

    public Export {
      sessions = List.copyOf(sessions);
      events = List.copyOf(events);
    }
  }

  private final UserRepository users;
  private final SessionStore sessions;
  private final AuditTrail trail;
  private final Throttles throttles;
  private final Clock clock;
  private final Events events;

  @Inject
  ExportOwnData(UserRepository users, SessionStore sessions, AuditTrail trail,
      Throttles throttles, Clock clock, Events events) {
    this.users = users;
    this.sessions = sessions;
    this.trail = trail;
    this.throttles = throttles;
    this.clock = clock;
    this.events = events;
  }

  /**
   * The caller's data as it is now. The audit entries are every entry about the account (any
   * type, whoever caused it); entries about other accounts are not the caller's, even those the
   * caller caused as an administrator. Emits {@code data_exported}, which the next export shows.
   *
   * @throws dev.userservice.domain.ThrottledException after {@link #EXPORTS_PER_ACCOUNT}
   * @throws NotFoundException when the account was deleted meanwhile
   */
  public Export export(ActorRequest command) {
    Actor actor = command.actor();
    throttles.acquire("export:" + actor.id(), List.of(EXPORTS_PER_ACCOUNT),
        "too many exports of this account; try again later");
    User user = users.findById(actor.id())
        .orElseThrow(() -> new NotFoundException("no such user"));
    Instant now = clock.now();
    List<SessionInfo> live = sessions.listSessions(user.id(), now);
    List<AuditEntry> entries = new ArrayList<>();
    AuditFilter about = new AuditFilter(user.id(), null, Set.of(), null, null);
    AuditCursor cursor = null;
    boolean truncated = false;
    do {
      AuditPage page = trail.list(about, cursor,
          Math.min(AuditListing.MAX_LIMIT, MAX_EVENTS - entries.size()));
      entries.addAll(page.items());
      cursor = page.next().orElse(null);
      truncated = cursor != null && entries.size() >= MAX_EVENTS;
    } while (cursor != null && !truncated);
    events.publish(new UserEvent.DataExported(
        UserEvent.Meta.by(now, actor, user.id(), command.request())));
    return new Export(now, user, live, entries, truncated);
  }
}
