package dev.userservice.domain.port;

import dev.userservice.domain.UnavailableException;

/** Sends one letter now (SMTP or similar). Called by the delivery worker, not by use cases. */
public interface Mailer {

  /**
   * Hands {@code mail} to the mail server.
   *
   * @throws UnavailableException when the server cannot be reached or refuses the letter; the
   *     caller retries later
   */
  void send(Mail mail);
}
