package dev.userservice.fakemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxTest {

  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  private static ReceivedMail letter(String subject, int minute) {
    return new ReceivedMail("app@example.com", "x@example.com", subject, "body " + subject, null,
        T0.plusSeconds(60L * minute));
  }

  @Test
  void givenSeveralLettersToOneAddress_messages_keepsThemAllNewestFirst() {
    Mailbox mailbox = new Mailbox();

    mailbox.add("alice@example.com", letter("first", 1));
    mailbox.add("alice@example.com", letter("second", 2));
    mailbox.add("alice@example.com", letter("third", 3));

    assertThat(mailbox.messages("alice@example.com"))
        .extracting(ReceivedMail::subject)
        .containsExactly("third", "second", "first");
    assertThat(mailbox.latest("alice@example.com")).map(ReceivedMail::subject).contains("third");
  }

  @Test
  void givenMoreLettersThanTheCapacity_add_dropsTheOldestWhoeverItWasFor() {
    Mailbox mailbox = new Mailbox(3);

    mailbox.add("a@example.com", letter("a1", 1));
    mailbox.add("b@example.com", letter("b1", 2));
    mailbox.add("a@example.com", letter("a2", 3));
    mailbox.add("b@example.com", letter("b2", 4));

    assertThat(mailbox.size()).isEqualTo(3);
    assertThat(mailbox.messages("a@example.com")).extracting(ReceivedMail::subject)
        .containsExactly("a2");
    assertThat(mailbox.messages("b@example.com")).extracting(ReceivedMail::subject)
        .containsExactly("b2", "b1");
  }

  @Test
  void givenAnAddressWhoseLettersWereAllDropped_addresses_forgetsIt() {
    Mailbox mailbox = new Mailbox(1);

    mailbox.add("a@example.com", letter("a1", 1));
    mailbox.add("b@example.com", letter("b1", 2));

    assertThat(mailbox.messages("a@example.com")).isEmpty();
    assertThat(mailbox.addresses()).extracting(Mailbox.AddressSummary::address)
        .containsExactly("b@example.com");
  }

  @Test
  void addressesAreCaseInsensitiveAndTrimmed() {
    Mailbox mailbox = new Mailbox();

    mailbox.add("Alice@Example.COM", letter("hello", 1));

    assertThat(mailbox.messages(" alice@example.com ")).hasSize(1);
    assertThat(mailbox.latest("ALICE@EXAMPLE.COM")).isPresent();
    assertThat(mailbox.addresses()).extracting(Mailbox.AddressSummary::address)
        .containsExactly("alice@example.com");
  }

  @Test
  void addresses_listsTheOneWithTheNewestLetterFirst_withCounts() {
    Mailbox mailbox = new Mailbox();
    mailbox.add("old@example.com", letter("1", 1));
    mailbox.add("old@example.com", letter("2", 2));
    mailbox.add("new@example.com", letter("3", 3));

    assertThat(mailbox.addresses()).containsExactly(
        new Mailbox.AddressSummary("new@example.com", 1, T0.plusSeconds(180)),
        new Mailbox.AddressSummary("old@example.com", 2, T0.plusSeconds(120)));
  }

  @Test
  void givenNoLetters_messagesIsEmptyAndLatestAbsent() {
    Mailbox mailbox = new Mailbox();

    assertThat(mailbox.messages("nobody@example.com")).isEmpty();
    assertThat(mailbox.latest("nobody@example.com")).isEmpty();
    assertThat(mailbox.addresses()).isEmpty();
  }

  @Test
  void await_returnsOnceALetterArrivesFromAnotherThread() throws Exception {
    Mailbox mailbox = new Mailbox();
    Thread sender = new Thread(() -> mailbox.add("late@example.com", letter("late", 1)));

    sender.start();
    List<ReceivedMail> letters = mailbox.await("late@example.com", 1, Duration.ofSeconds(30));
    sender.join();

    assertThat(letters).extracting(ReceivedMail::subject).containsExactly("late");
  }

  @Test
  void aCapacityBelowOneIsRejected() {
    assertThatThrownBy(() -> new Mailbox(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
