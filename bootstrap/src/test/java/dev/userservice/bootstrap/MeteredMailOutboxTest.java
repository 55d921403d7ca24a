package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.inmemory.InMemoryMailOutbox;
import dev.userservice.adapter.inmemory.ManualClock;
import dev.userservice.domain.Email;
import dev.userservice.domain.port.Mail;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeteredMailOutboxTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MeteredMailOutbox outbox =
      new MeteredMailOutbox(new InMemoryMailOutbox(), clock, registry);

  @Test
  void countsWhatBecomesOfEachTry_andHowLongTheOldestLetterWaits() {
    assertThat(gauge()).isZero();
    long first = outbox.enqueue(mail(), clock.now());
    long second = outbox.enqueue(mail(), clock.now());
    long third = outbox.enqueue(mail(), clock.now());
    clock.advance(Duration.ofSeconds(90));

    assertThat(gauge()).isEqualTo(90.0);

    outbox.markFailed(first, "421 try later", clock.now());
    outbox.markSent(first, clock.now());
    outbox.markSent(second, clock.now());
    outbox.markAbandoned(third, "550 no such user", clock.now());

    assertThat(registry.get("mail.sent").counter().count()).isEqualTo(2.0);
    assertThat(registry.get("mail.failed").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("mail.abandoned").counter().count()).isEqualTo(1.0);
    assertThat(gauge()).as("nothing waits").isZero();
  }

  private double gauge() {
    return registry.get("mail.outbox.oldest.age").gauge().value();
  }

  private static Mail mail() {
    return new Mail(Email.of("ada@example.com", "to"), "Welcome", "text", "<p>html</p>",
        Instant.parse("2030-01-02T00:00:00Z"));
  }
}
