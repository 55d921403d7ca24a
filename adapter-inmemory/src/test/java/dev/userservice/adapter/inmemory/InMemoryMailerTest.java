package dev.userservice.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.Email;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.port.Mail;
import org.junit.jupiter.api.Test;

class InMemoryMailerTest {

  private static final Email ALICE = new Email("alice@example.test");
  private static final Email BOB = new Email("bob@example.test");

  private final InMemoryMailer mailer = new InMemoryMailer();

  @Test
  void sentMail_isRecorded_andTheLatestPerRecipientFound() {
    Mail first = mail(ALICE, "first");
    Mail toBob = mail(BOB, "bob");
    Mail second = mail(ALICE, "second");

    mailer.send(first);
    mailer.send(toBob);
    mailer.send(second);

    assertThat(mailer.sent()).containsExactly(first, toBob, second);
    assertThat(mailer.sentTo(ALICE)).containsExactly(first, second);
    assertThat(mailer.latestTo(ALICE)).contains(second);
    assertThat(mailer.latestTo(BOB)).contains(toBob);
    assertThat(mailer.latestTo(new Email("nobody@example.test"))).isEmpty();
  }

  @Test
  void unavailableMailer_refusesMail_untilItIsBack() {
    mailer.setAvailable(false);

    assertThatThrownBy(() -> mailer.send(mail(ALICE, "lost")))
        .isInstanceOfSatisfying(UnavailableException.class,
            e -> assertThat(e.dependency()).isEqualTo("smtp"));
    assertThat(mailer.sent()).isEmpty();

    mailer.setAvailable(true);
    mailer.send(mail(ALICE, "delivered"));
    assertThat(mailer.sent()).hasSize(1);
  }

  @Test
  void clear_forgetsEverything() {
    mailer.send(mail(ALICE, "one"));

    mailer.clear();

    assertThat(mailer.sent()).isEmpty();
    assertThat(mailer.latestTo(ALICE)).isEmpty();
  }

  private static Mail mail(Email to, String subject) {
    return new Mail(to, subject, "text", "<p>html</p>");
  }
}
