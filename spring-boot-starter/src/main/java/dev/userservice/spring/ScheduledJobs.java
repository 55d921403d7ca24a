package dev.userservice.spring;

import dev.userservice.application.BackgroundJobs;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link BackgroundJobs} on their schedule while the context runs: started after the
 * beans are ready, stopped (a last mail run included) before they are destroyed.
 */
final class ScheduledJobs implements SmartLifecycle {

  private final BackgroundJobs jobs;
  private final Duration purgeInterval;
  private volatile boolean running;

  ScheduledJobs(BackgroundJobs jobs, Duration purgeInterval) {
    this.jobs = jobs;
    this.purgeInterval = purgeInterval;
  }

  @Override
  public void start() {
    jobs.start(BackgroundJobs.Schedule.every(purgeInterval));
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    jobs.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
