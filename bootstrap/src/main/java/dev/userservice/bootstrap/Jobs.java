package dev.userservice.bootstrap;

import dev.userservice.application.DeliverWebhooks;
import dev.userservice.application.UserService;
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
 * old audit entries (each on one instance at a time, through the database's job lock); the mail
 * worker, which first issues the reset codes requested since its last tick, then delivers; and
 * the webhook worker; and the writer of the events held while the audit trail was down. A failing run is logged and
 * retried at the next tick; it never stops the schedule.
 */
final class Jobs implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Jobs.class);
  private static final Duration MAIL_TICK = Duration.ofSeconds(1);
  private static final Duration HELD_EVENTS_TICK = Duration.ofSeconds(1);
  private static final Duration WEBHOOK_TICK = Duration.ofSeconds(1);

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3, task -> {
    Thread thread = new Thread(task, "jobs");
    thread.setDaemon(true);
    return thread;
  });
  private final UserService service;
  private final BiPredicate<String, Runnable> exclusively;

  /**
   * @param exclusively runs a named job unless another instance is running it (returns whether
   *     it ran)
   */
  Jobs(UserService service, BiPredicate<String, Runnable> exclusively) {
    this.service = service;
    this.exclusively = exclusively;
  }

  void start(Duration purgeInterval) {
    scheduler.scheduleWithFixedDelay(this::deliverMail, 0, MAIL_TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::deliverWebhooks, 0, WEBHOOK_TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::recordHeldEvents, HELD_EVENTS_TICK.toMillis(),
        HELD_EVENTS_TICK.toMillis(), TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::purge, purgeInterval.toMillis(),
        purgeInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Writes the events held while the audit trail was unavailable, if any. */
  void recordHeldEvents() {
    if (service.recordHeldEvents().held() == 0) {
      return;
    }
    guarded("record of held audit events", () -> {
      int written = service.recordHeldEvents().record();
      log.info("recorded {} audit events held while the audit trail was unavailable", written);
    });
  }

  /** Runs the purge and the prunes of finished mail and old audit entries now (also for tests). */
  void purge() {
    guarded("purge of unverified accounts", () -> exclusively.test("purge-unverified-users", () -> {
      int removed = service.purgeUnverifiedUsers().purge();
      if (removed > 0) {
        log.info("purged {} never-verified accounts", removed);
      }
    }));
    guarded("prune of finished mail", () -> exclusively.test("prune-mail-outbox", () -> {
      int removed = service.pruneMailOutbox().prune();
      if (removed > 0) {
        log.info("pruned {} sent or abandoned mails", removed);
      }
    }));
    guarded("prune of the audit trail", () -> exclusively.test("prune-audit-trail", () -> {
      int removed = service.pruneAuditTrail().prune();
      if (removed > 0) {
        log.info("pruned {} audit entries past AUDIT_RETENTION", removed);
      }
    }));
  }

  /** Issues the reset codes requested meanwhile, then sends everything that is due. */
  void deliverMail() {
    guarded("reset code issue", () -> {
      while (service.issueResetCodes().issueQueued() > 0) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    });
    guarded("mail delivery", () -> {
      while (service.deliverMail().deliverDue() > 0) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    });
  }

  /** Sends every webhook delivery that is due, batch after batch, until none is left. */
  void deliverWebhooks() {
    guarded("webhook delivery", () -> {
      DeliverWebhooks.Outcome outcome;
      do {
        outcome = service.deliverWebhooks().deliverDue();
      } while (outcome.delivered() + outcome.failed() + outcome.abandoned() > 0
          && !Thread.currentThread().isInterrupted());
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

  /**
   * Stops scheduling, lets a running job finish (up to 10 s), then one last mail run and one last
   * try to record the held events.
   */
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
    recordHeldEvents();
  }
}
