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

  private final World world = new World();

  @Test
  void purge_removesNeverVerifiedAccountsOlderThanTheLimit_withTheirSessions() {
    User stale = world.registered("stale@example.com");
    AuthTokens staleSession = world.loggedIn("stale@example.com");
    world.verifiedUser("kept@example.com");
    world.passes(Duration.ofDays(2).plusSeconds(1));
    User fresh = world.registered("fresh@example.com");

    assertThat(world.purge.purge()).isEqualTo(1);

    assertThat(world.users.findById(stale.id())).isEmpty();
    assertThat(world.users.findById(fresh.id())).isPresent();
    assertThat(world.users.findByEmail(new Email("kept@example.com"))).isPresent();
    assertThatThrownBy(() -> world.actor(staleSession)).isInstanceOf(UnauthenticatedException.class);
    assertThat(world.purge.purge()).isZero();
  }

  @Test
  void delivery_retriesWithGrowingDelays_andAbandonsAfterTheLastAttempt() {
    world.mailer.setAvailable(false);
    DeliverMail deliver = new DeliverMail(world.outbox, world.mailer, world.clock,
        new DeliverMail.Settings(3, Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofMinutes(1), 10));
    world.registered("ada@example.com");

    assertThat(deliver.deliverDue()).isZero();
    world.passes(Duration.ofSeconds(5));
    deliver.deliverDue();
    assertThat(world.outbox.pending()).isEqualTo(1);
    world.passes(Duration.ofSeconds(6));
    deliver.deliverDue();
    world.passes(Duration.ofSeconds(20));
    deliver.deliverDue();

    assertThat(world.outbox.pending()).isZero();
    world.mailer.setAvailable(true);
    world.passes(Duration.ofHours(1));
    assertThat(deliver.deliverDue()).isZero();
    assertThat(world.mailer.sent()).isEmpty();
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
    DeliverMail deliver = new DeliverMail(world.outbox, mailer, world.clock,
        DeliverMail.Settings.defaults());
    world.registered("ada@example.com");
    world.registered("bob@example.com");
    world.registered("cy@example.com");

    assertThat(deliver.deliverDue()).isEqualTo(2);
    assertThat(deliver.deliverDue()).as("nothing due: no batch").isZero();

    assertThat(events).containsExactly("open", "send ada@example.com", "send bob@example.com",
        "send cy@example.com", "close");
    assertThat(world.outbox.pending()).isEqualTo(1);
  }
}
