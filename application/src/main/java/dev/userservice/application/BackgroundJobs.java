package dev.userservice.application;

import dev.userservice.domain.DomainException;
import dev.userservice.domain.port.JobLock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background work the service needs besides its requests, for the bootstrap and for every
 * application that embeds the use cases: without it no letter is sent, never-verified accounts
 * are never purged, and the mail outbox and the audit trail grow without end.
 *
 * <ul>
 *   <li>{@link #deliverMail()}: issues the reset codes requested since the last run, then sends
 *       every letter that is due. Safe on every instance at once (the outbox leases each
 *       letter to one sender).
 *   <li>{@link #deliverWebhooks()}: sends every webhook delivery that is due. Safe on every
 *       instance at once (the outbox leases each delivery to one sender).
 *   <li>{@link #recordHeldEvents()}: writes the audit events held while the audit trail was
 *       unavailable; they are held in this process, so every instance runs it.
 *   <li>{@link #purge()}: the purge of never-verified accounts and the prunes of finished mail
 *       and of audit entries past their retention, each run by one instance at a time among all
 *       that share the {@link JobLock} (a PostgreSQL advisory lock for instances sharing a
 *       database: adapter-postgres' {@code PostgresJobLock}).
 * </ul>
 *
 * <p>Call them from your own scheduler, or let {@link #start(Schedule)} run them on three daemon
 * threads of this object's until {@link #close()}. A run that fails is logged (through
 * {@link System.Logger}) and tried again at the next tick; it never stops the schedule.
 */
public final class BackgroundJobs implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(BackgroundJobs.class.getName());
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  /** The names under which {@link #purge()} takes the {@link JobLock}. */
  public static final String PURGE_UNVERIFIED_USERS = "purge-unverified-users";
  public static final String PRUNE_MAIL_OUTBOX = "prune-mail-outbox";
  public static final String PRUNE_AUDIT_TRAIL = "prune-audit-trail";

  /**
   * How often {@link #start(Schedule)} runs each job: mail and webhooks at once and then
   * {@code mailTick} after each run ends; held events every {@code heldEventsTick}; the purge and
   * prunes every {@code purgeInterval}, the first one interval after the start.
   */
  public record Schedule(Duration mailTick, Duration heldEventsTick, Duration purgeInterval) {

    public Schedule {
      positive(mailTick, "mailTick");
      positive(heldEventsTick, "heldEventsTick");
      positive(purgeInterval, "purgeInterval");
    }

    /**
     * Mail, webhooks and held events every second, the purge and prunes every
     * {@code purgeInterval}.
     */
    public static Schedule every(Duration purgeInterval) {
      return new Schedule(Duration.ofSeconds(1), Duration.ofSeconds(1), purgeInterval);
    }

    /** Mail, webhooks and held events every second, the purge and prunes every hour. */
    public static Schedule defaults() {
      return every(Duration.ofHours(1));
    }

    private static void positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
    }
  }

  private final UserService service;
  private final JobLock lock;
  private ScheduledExecutorService scheduler;

  /**
   * Jobs over {@code service}; {@code lock} keeps the purge and prunes to one instance at a time.
   * Nothing runs until a method is called or {@link #start(Schedule)}.
   */
  public BackgroundJobs(UserService service, JobLock lock) {
    this.service = Objects.requireNonNull(service, "service");
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /**
   * Runs every job on {@code schedule} on three daemon threads ({@code user-service-jobs}) until
   * {@link #close()}: mail and webhooks each have one, so a slow receiver never holds up a
   * letter.
   *
   * @throws IllegalStateException when already started
   */
  public synchronized void start(Schedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    if (scheduler != null) {
      throw new IllegalStateException("the jobs are already running");
    }
    scheduler = Executors.newScheduledThreadPool(3, task -> {
      Thread thread = new Thread(task, "user-service-jobs");
      thread.setDaemon(true);
      return thread;
    });
    every(Duration.ZERO, schedule.mailTick(), this::deliverMail);
    every(Duration.ZERO, schedule.mailTick(), this::deliverWebhooks);
    every(schedule.heldEventsTick(), schedule.heldEventsTick(), this::recordHeldEvents);
    every(schedule.purgeInterval(), schedule.purgeInterval(), this::purge);
  }

  private void every(Duration first, Duration delay, Runnable job) {
    scheduler.scheduleWithFixedDelay(job, first.toMillis(), delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Writes the events held while the audit trail was unavailable, if any. */
  public void recordHeldEvents() {
    if (service.recordHeldEvents().held() == 0) {
      return;
    }
    guarded("record of held audit events", () -> {
      int written = service.recordHeldEvents().record();
      LOG.log(Level.INFO, "recorded {0} audit events held while the audit trail was unavailable",
          written);
    });
  }

  /**
   * Runs the purge of never-verified accounts and the prunes of finished mail and of old audit
   * entries, each unless another instance is running it.
   */
  public void purge() {
    guarded("purge of unverified accounts", () -> lock.runExclusively(PURGE_UNVERIFIED_USERS,
        () -> logRemoved(service.purgeUnverifiedUsers().purge(), "never-verified accounts")));
    guarded("prune of finished mail", () -> lock.runExclusively(PRUNE_MAIL_OUTBOX,
        () -> logRemoved(service.pruneMailOutbox().prune(), "sent or abandoned mails")));
    guarded("prune of the audit trail", () -> lock.runExclusively(PRUNE_AUDIT_TRAIL,
        () -> logRemoved(service.pruneAuditTrail().prune(), "audit entries past retention")));
  }

  private static void logRemoved(int removed, String what) {
    if (removed > 0) {
      LOG.log(Level.INFO, "removed {0} {1}", removed, what);
    }
  }

  /** Issues the reset codes requested meanwhile, then sends everything that is due. */
  public void deliverMail() {
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
  public void deliverWebhooks() {
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
      LOG.log(Level.WARNING, "{0} failed, will retry: {1}", job, e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, job + " failed, will retry", e);
    }
  }

  /**
   * Stops the schedule, if started: lets a running job finish (up to 10 s), then makes one last
   * mail run and one last try to record the held events, so a stopping instance leaves no
   * letter it could have sent (webhook deliveries wait for the next instance: a receiver may be
   * slow). {@link #start(Schedule)} may be called again afterwards.
   */
  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = scheduler;
      scheduler = null;
    }
    if (stopping == null) {
      return;
    }
    stopping.shutdown();
    try {
      if (!stopping.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        stopping.shutdownNow();
      }
    } catch (InterruptedException e) {
      stopping.shutdownNow();
      Thread.currentThread().interrupt();
      return;
    }
    deliverMail();
    recordHeldEvents();
  }
}
