package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.adapter.inmemory.InMemoryJobLock;
import dev.userservice.adapter.webhooks.WebhookReceiver;
import dev.userservice.domain.Email;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundJobsTest {

  private final ServiceFixture fixture = new ServiceFixture();
  private final InMemoryJobLock lock = new InMemoryJobLock();
  private final BackgroundJobs jobs = new BackgroundJobs(fixture.service, lock);

  @Test
  void deliverMail_sendsTheLettersTheUseCasesQueued() {
    fixture.registered("ada@example.com");
    assertThat(fixture.mailer.sent()).isEmpty();

    jobs.deliverMail();

    assertThat(fixture.mailer.sent()).singleElement()
        .satisfies(mail -> assertThat(mail.to()).isEqualTo(new Email("ada@example.com")));
  }

  @Test
  void purge_removesNeverVerifiedAccounts_unlessAnotherInstanceHoldsTheJobsLock()
      throws Exception {
    fixture.registered("stale@example.com");
    fixture.passes(Duration.ofDays(3));
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread otherInstance = new Thread(() -> lock.runExclusively(
        BackgroundJobs.PURGE_UNVERIFIED_USERS, () -> {
          held.countDown();
          await(release);
        }));
    otherInstance.start();
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

    jobs.purge();
    assertThat(fixture.users.findByEmail(new Email("stale@example.com"))).isPresent();

    release.countDown();
    otherInstance.join();
    jobs.purge();
    assertThat(fixture.users.findByEmail(new Email("stale@example.com"))).isEmpty();
  }

  @Test
  void deliverWebhooks_sendsEveryDeliveryThatIsDue() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      fixture.service.registerWebhook().register(RegisterWebhook.Command.parse(fixture.admin(),
          receiver.url("/hook").toString(), List.of("registered"), "CRM", null));
      fixture.registered("ada@example.com");
      fixture.registered("bob@example.com");

      jobs.deliverWebhooks();

      assertThat(receiver.received()).hasSize(2);
    }
  }

  @Test
  void aFailingRun_isLoggedAndSwallowed_soTheScheduleGoesOn() {
    fixture.registered("ada@example.com");
    fixture.mailer.setAvailable(false);

    jobs.deliverMail();

    assertThat(fixture.outbox.pending()).isEqualTo(1);
  }

  @Test
  void started_theJobsRunOnTheirOwnThreads_untilClose()
      throws Exception {
    jobs.start(BackgroundJobs.Schedule.every(Duration.ofHours(1)));
    assertThatThrownBy(() -> jobs.start(BackgroundJobs.Schedule.defaults()))
        .isInstanceOf(IllegalStateException.class);
    fixture.registered("ada@example.com");
    Instant giveUp = Instant.now().plusSeconds(20); // a hang guard, not a timing check
    while (fixture.mailer.sent().isEmpty() && Instant.now().isBefore(giveUp)) {
      Thread.sleep(20);
    }
    assertThat(fixture.mailer.sent()).hasSize(1);

    jobs.close();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
        thread -> thread.getName().equals("user-service-jobs") && thread.isAlive());
    fixture.registered("bob@example.com");
    jobs.close(); // closing twice does nothing
    assertThat(fixture.mailer.sent()).hasSize(1);
  }

  @Test
  void aScheduleRefusesIntervalsThatAreNotPositive() {
    assertThatThrownBy(() -> BackgroundJobs.Schedule.every(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purgeInterval");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
