package dev.userservice.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.adapter.inmemory.InMemoryMailOutbox.AbandonedMail;
import dev.userservice.domain.Email;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.MailOutbox;
import dev.userservice.domain.port.MailOutboxContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryMailOutboxTest extends MailOutboxContract {

  @Override
  protected MailOutbox newOutbox() {
    return new InMemoryMailOutbox();
  }

  @Test
  void abandonedMail_isKeptWithItsLastErrorAndAttempts_butNotItsBody() {
    InMemoryMailOutbox outbox = new InMemoryMailOutbox();
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    Mail mail = new Mail(new Email("gone@example.test"), "hi", "text", "<p>html</p>");
    long id = outbox.enqueue(mail, t0);
    outbox.claim(1, t0, Duration.ofMinutes(1));
    outbox.markFailed(id, "421 busy", t0.plusSeconds(1));

    outbox.markAbandoned(id, "550 no such user", t0.plusSeconds(2));

    assertThat(outbox.abandoned()).containsExactly(new AbandonedMail(id,
        new Mail(mail.to(), "hi", "", ""), 1, "550 no such user", t0.plusSeconds(2)));
  }
}
