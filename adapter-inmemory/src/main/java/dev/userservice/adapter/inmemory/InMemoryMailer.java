package dev.userservice.adapter.inmemory;

import dev.userservice.domain.Email;
import dev.userservice.domain.UnavailableException;
import dev.userservice.domain.port.Mail;
import dev.userservice.domain.port.Mailer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps every letter instead of sending it, so tests can read the codes users were mailed. It
 * can be switched {@linkplain #setAvailable off} to play a mail server that is down.
 */
@Singleton
public final class InMemoryMailer implements Mailer {

  private final List<Mail> sent = new ArrayList<>();
  private boolean available = true;

  @Inject
  public InMemoryMailer() {}

  /**
   * Records {@code mail}.
   *
   * @throws UnavailableException while switched off; nothing is recorded then
   */
  @Override
  public synchronized void send(Mail mail) {
    if (!available) {
      throw new UnavailableException("smtp", null);
    }
    sent.add(mail);
  }

  /** Every letter sent so far, oldest first. */
  public synchronized List<Mail> sent() {
    return List.copyOf(sent);
  }

  /** The letters sent to {@code to}, oldest first. */
  public synchronized List<Mail> sentTo(Email to) {
    return sent.stream().filter(mail -> mail.to().equals(to)).toList();
  }

  /** The last letter sent to {@code to}, if any. */
  public synchronized Optional<Mail> latestTo(Email to) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (sent.get(i).to().equals(to)) {
        return Optional.of(sent.get(i));
      }
    }
    return Optional.empty();
  }

  /** {@code false} makes every {@link #send} fail as if the mail server were down. */
  public synchronized void setAvailable(boolean available) {
    this.available = available;
  }

  /** Forgets every letter sent so far. */
  public synchronized void clear() {
    sent.clear();
  }
}
