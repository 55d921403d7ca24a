package dev.userservice.domain.port;

import dev.userservice.domain.UnavailableException;

/** Sends letters now (SMTP or similar). Called by the delivery worker, not by use cases. */
public interface Mailer {

  /**
   * Hands {@code mail} to the mail server.
   *
   * @throws UnavailableException when the server cannot be reached or refuses the letter; the
   *     caller retries later
   */
  void send(Mail mail);

  /**
   * Starts a run of letters sent one after another, which may share one connection to the mail
   * server; closing the batch ends it. The delivery worker sends each claimed batch through one.
   * A mailer without connections to share can keep this default, which sends each letter with
   * {@link #send}.
   */
  default Batch batch() {
    return this::send;
  }

  /** Letters sent one after another, as {@link Mailer#batch} describes. Not thread-safe. */
  interface Batch extends AutoCloseable {

    /**
     * Hands {@code mail} to the mail server, as {@link Mailer#send} does.
     *
     * @throws UnavailableException when the server cannot be reached or refuses the letter; the
     *     batch stays usable for the next one
     */
    void send(Mail mail);

    /** Ends the batch; a letter already sent stays sent whatever happens here. */
    @Override
    default void close() {}
  }
}
