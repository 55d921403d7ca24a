package dev.userservice.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The mail server the benchmarked service sends to, standing in for the relay a deployment hands
 * its letters to: it holds the whole SMTP conversation (subethasmtp) and reads every letter to
 * the end, then drops it. It runs in its own JVM, as a relay would, and keeps nothing, so the
 * service is charged for building and sending its letters but not for a mailbox parsing them.
 * Usage: {@code SmtpSink <port>}; runs until killed, then prints how many letters it accepted.
 */
public final class SmtpSink {

  private SmtpSink() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    AtomicLong letters = new AtomicLong();
    SMTPServer server = SMTPServer.port(port)
        .bindAddress(InetAddress.getLoopbackAddress())
        .messageHandlerFactory(context -> new Discarding(letters))
        .build();
    server.start();
    PrintStream out = System.out;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      out.println("letters accepted: " + letters.get());
    }));
    out.println("SMTP sink on 127.0.0.1:" + server.getPortAllocated());
  }

  private record Discarding(AtomicLong letters) implements MessageHandler {

    @Override
    public void from(String from) {}

    @Override
    public void recipient(String recipient) {}

    @Override
    public String data(InputStream data) throws IOException {
      data.transferTo(OutputStream.nullOutputStream());
      letters.incrementAndGet();
      return null;
    }

    @Override
    public void done() {}
  }
}
