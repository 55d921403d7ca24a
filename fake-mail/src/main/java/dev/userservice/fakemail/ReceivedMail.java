package dev.userservice.fakemail;

import java.time.Instant;
import java.util.Objects;

/**
 * A letter as the fake server received it.
 *
 * @param from the sender as the letter shows it (the {@code From} header, else the envelope sender)
 * @param to the recipients as the letter shows them (the {@code To} header, else the envelope)
 * @param subject the decoded subject, empty when there is none
 * @param text the decoded {@code text/plain} part, empty when there is none; line breaks are LF
 *     and the one line break SMTP adds at the end is removed
 * @param html the decoded {@code text/html} part (the same way), or {@code null} when none
 * @param receivedAt when the fake server accepted the letter
 */
public record ReceivedMail(
    String from, String to, String subject, String text, String html, Instant receivedAt) {

  public ReceivedMail {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
