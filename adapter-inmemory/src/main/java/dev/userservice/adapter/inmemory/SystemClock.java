package dev.userservice.adapter.inmemory;

import dev.userservice.domain.port.Clock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The real time: the one place in the project that reads the system clock. */
@Singleton
public final class SystemClock implements Clock {

  @Inject
  public SystemClock() {}

  /**
   * The current instant at microsecond precision, the finest PostgreSQL keeps, so a user read
   * back from the database equals the one that was stored.
   */
  @Override
  public Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
