package dev.userservice.application;

import dev.userservice.domain.port.AuditTrail;
import dev.userservice.domain.port.Clock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Objects;

/** Removes audit entries once kept long enough. Run periodically. */
@Singleton
public final class PruneAuditTrail {

  /** @param retention how long an audit entry is kept */
  public record Settings(Duration retention) {

    public Settings {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("retention must be positive");
      }
    }

    public static Settings defaults() {
      return new Settings(Duration.ofDays(365));
    }
  }

  private final AuditTrail trail;
  private final Clock clock;
  private final Settings settings;

  @Inject
  PruneAuditTrail(AuditTrail trail, Clock clock, Settings settings) {
    this.trail = trail;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Deletes every audit entry older than the retention. Safe to run on several instances at once.
   *
   * @return how many entries were removed
   */
  public int prune() {
    return trail.pruneBefore(clock.now().minus(settings.retention()));
  }
}
