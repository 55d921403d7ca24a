package dev.userservice.application;

import dev.userservice.domain.port.Clock;
import dev.userservice.domain.port.MailOutbox;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Objects;

/** Removes sent and abandoned mail from the outbox once kept long enough. Run periodically. */
@Singleton
public final class PruneMailOutbox {

  /** @param retention how long sent and abandoned mail is kept (bodies are blanked at once) */
  public record Settings(Duration retention) {

    public Settings {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("retention must be positive");
      }
    }

    public static Settings defaults() {
      return new Settings(Duration.ofDays(7));
    }
  }

  private final MailOutbox outbox;
  private final Clock clock;
  private final Settings settings;

  @Inject
  PruneMailOutbox(MailOutbox outbox, Clock clock, Settings settings) {
    this.outbox = outbox;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Deletes every mail sent or abandoned more than the retention ago; pending mail stays. Safe to
   * run on several instances at once.
   *
   * @return how many mails were removed
   */
  public int prune() {
    return outbox.prune(clock.now().minus(settings.retention()));
  }
}
