package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Email;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.User;
import java.time.Duration;
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
}
