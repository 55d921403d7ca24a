package dev.userservice.domain.port;

import dev.userservice.domain.Email;
import java.util.Objects;

/** A letter to one recipient, with a plain-text body and an HTML alternative. */
public record Mail(Email to, String subject, String text, String html) {

  public Mail {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
  }

  @Override
  public String toString() {
    // The body carries codes; keep it out of logs.
    return "Mail[to=" + to + ", subject=" + subject + "]";
  }
}
