package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Email;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.User;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.Mailer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

  private final ServiceFixture fixture = new ServiceFixture();

  @Test
  void purge_removesNeverVerifiedAccountsOlderThanTheLimit_withTheirSessions() {
    User stale = fixture.registered("stale@example.com");
    AuthTokens staleSession = fixture.loggedIn("stale@example.com");
    fixture.verifiedUser("kept@example.com");
    fixture.passes(Duration.ofDays(2).plusSeconds(1));
    User fresh = fixture.registered("fresh@example.com");

    assertThat(fixture.purge.purge()).isEqualTo(1);

    assertThat(fixture.users.findById(stale.id())).isEmpty();
    assertThat(fixture.users.findById(fresh.id())).isPresent();
    assertThat(fixture.users.findByEmail(new Email("kept@example.com"))).isPresent();
    assertThatThrownBy(() -> fixture.actor(staleSession)).isInstanceOf(UnauthenticatedException.class);
    assertThat(fixture.purge.purge()).isZero();
  }

  @Test
  void delivery_retriesWithGrowingDelays_andAbandonsAfterTheLastAttempt() {
    fixture.mailer.setAvailable(false);
    DeliverMail deliver = new DeliverMail(fixture.outbox, fixture.mailer, fixture.clock,
        new DeliverMail.Settings(3, Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofMinutes(1), 10));
    fixture.registered("ada@example.com");

    assertThat(deliver.deliverDue()).isZero();
    fixture.passes(Duration.ofSeconds(5));
    deliver.deliverDue();
    assertThat(fixture.outbox.pending()).isEqualTo(1);
    fixture.passes(Duration.ofSeconds(6));
    deliver.deliverDue();
    fixture.passes(Duration.ofSeconds(20));
    deliver.deliverDue();

    assertThat(fixture.outbox.pending()).isZero();
    fixture.mailer.setAvailable(true);
    fixture.passes(Duration.ofHours(1));
    assertThat(deliver.deliverDue()).isZero();
    assertThat(fixture.mailer.sent()).isEmpty();
  }

  @Test
  void delivery_sendsWhatIsDueThroughOneBatch_pastAFailedLetter_andEndsTheBatch() {
    List<String> events = new ArrayList<>();
    Mailer mailer = new Mailer() {
      @Override
      public void send(Mail mail) {
        events.add("alone " + mail.to().value());
      }

      @Override
      public Batch batch() {
        events.add("open");
        return new Batch() {
          @Override
          public void send(Mail mail) {
            events.add("send " + mail.to().value());
            if (mail.to().value().startsWith("bob")) {
              throw new UnavailableException("smtp", null);
            }
          }

          @Override
          public void close() {
            events.add("close");
          }
        };
      }
    };
    DeliverMail deliver = new DeliverMail(fixture.outbox, mailer, fixture.clock,
        DeliverMail.Settings.defaults());
    fixture.registered("ada@example.com");
    fixture.registered("bob@example.com");
    fixture.registered("cy@example.com");

    assertThat(deliver.deliverDue()).isEqualTo(2);
    assertThat(deliver.deliverDue()).as("nothing due: no batch").isZero();

    assertThat(events).containsExactly("open", "send ada@example.com", "send bob@example.com",
        "send cy@example.com", "close");
    assertThat(fixture.outbox.pending()).isEqualTo(1);
  }
}
