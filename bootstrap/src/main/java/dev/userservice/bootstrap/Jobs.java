package dev.userservice.bootstrap;

import dev.userservice.application.DeliverMail;
import dev.userservice.application.IssueResetCodes;
import dev.userservice.application.PruneAuditTrail;
import dev.userservice.application.PruneMailOutbox;
import dev.userservice.application.PurgeUnverifiedUsers;
import dev.userservice.domain.DomainException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic work: the purge of never-verified accounts and the prunes of finished mail and of
 * old audit entries (each on one instance at a time, through the database's job lock), and the
 * mail worker, which first issues the reset codes requested since its last tick, then delivers.
 * A failing run is logged and retried at the next tick; it never stops the schedule.
 */
final class Jobs implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Jobs.class);
  private static final Duration MAIL_TICK = Duration.ofSeconds(1);

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, task -> {
    Thread thread = new Thread(task, "jobs");
    thread.setDaemon(true);
    return thread;
  });
  private final PurgeUnverifiedUsers purge;
  private final DeliverMail deliverMail;
  private final IssueResetCodes issueResetCodes;
  private final PruneMailOutbox pruneMail;
  private final PruneAuditTrail pruneAudit;
  private final BiPredicate<String, Runnable> exclusively;

  /**
   * @param exclusively runs a named job unless another instance is running it (returns whether
   *     it ran)
   */
  Jobs(PurgeUnverifiedUsers purge, DeliverMail deliverMail, IssueResetCodes issueResetCodes,
      PruneMailOutbox pruneMail, PruneAuditTrail pruneAudit,
      BiPredicate<String, Runnable> exclusively) {
    this.purge = purge;
    this.deliverMail = deliverMail;
    this.issueResetCodes = issueResetCodes;
    this.pruneMail = pruneMail;
    this.pruneAudit = pruneAudit;
    this.exclusively = exclusively;
  }

  void start(Duration purgeInterval) {
    scheduler.scheduleWithFixedDelay(this::deliverMail, 0, MAIL_TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::purge, purgeInterval.toMillis(),
        purgeInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs the purge and the prunes of finished mail and old audit entries now (also for tests). */
  void purge() {
    guarded("purge of unverified accounts", () -> exclusively.test("purge-unverified-users", () -> {
      int removed = purge.purge();
      if (removed > 0) {
        log.info("purged {} never-verified accounts", removed);
      }
    }));
    guarded("prune of finished mail", () -> exclusively.test("prune-mail-outbox", () -> {
      int removed = pruneMail.prune();
      if (removed > 0) {
        log.info("pruned {} sent or abandoned mails", removed);
      }
    }));
    guarded("prune of the audit trail", () -> exclusively.test("prune-audit-trail", () -> {
      int removed = pruneAudit.prune();
      if (removed > 0) {
        log.info("pruned {} audit entries past AUDIT_RETENTION", removed);
      }
    }));
  }

  /** Issues the reset codes requested meanwhile, then sends everything that is due. */
  void deliverMail() {
    guarded("reset code issue", () -> {
      while (issueResetCodes.issueQueued() > 0) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    });
    guarded("mail delivery", () -> {
      while (deliverMail.deliverDue() > 0) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    });
  }

  private static void guarded(String job, Runnable work) {
    try {
      work.run();
    } catch (DomainException e) {
      log.warn("{} failed, will retry: {}", job, e.getMessage());
    } catch (RuntimeException e) {
      log.error("{} failed, will retry", job, e);
    }
  }

  /** Stops scheduling, lets a running job finish (up to 10 s), then one last mail run. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
      return;
    }
    deliverMail();
  }
}
