package dev.userservice.fakemail;

import io.javalin.Javalin;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the fake SMTP server and the fake mail client on their own ports: {@code java -jar
 * fake-mail.jar [--smtp-port=1025] [--http-port=8025] [--host=127.0.0.1] [--capacity=1000]}.
 * Each option may also come from the environment ({@code FAKE_SMTP_PORT}, {@code
 * FAKE_MAIL_HTTP_PORT}, {@code FAKE_MAIL_HOST}, {@code FAKE_MAIL_CAPACITY}); an argument wins.
 * Use {@code --host=0.0.0.0} in a container. Stops cleanly on SIGTERM.
 */
public final class FakeMailMain {

  /** The HTTP port used when none is given. */
  public static final int DEFAULT_HTTP_PORT = 8025;

  private static final Logger LOG = LoggerFactory.getLogger(FakeMailMain.class);

  private FakeMailMain() {}

  public static void main(String[] args) {
    Options options = Options.parse(args, System.getenv());
    Mailbox mailbox = new Mailbox(options.capacity());
    FakeMailServer smtp = new FakeMailServer(mailbox, options.host(), options.smtpPort()).start();
    FakeMailWeb web = new FakeMailWeb(mailbox);
    Javalin http = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      web.addRoutes(config);
      config.routes.get("/", ctx -> ctx.redirect(FakeMailWeb.ROOT));
    });
    try {
      http.start(options.host(), options.httpPort());
    } catch (RuntimeException e) {
      smtp.stop();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping fake mail");
      http.stop();
      smtp.stop();
    }, "fake-mail-shutdown"));
    LOG.info("Fake mail ready: SMTP on {}:{}, inbox at http://{}:{}{}",
        options.host(), smtp.port(), options.host(), http.port(), FakeMailWeb.ROOT);
  }

  record Options(String host, int smtpPort, int httpPort, int capacity) {

    static Options parse(String[] args, Map<String, String> env) {
      String host = env.getOrDefault("FAKE_MAIL_HOST", "127.0.0.1");
      String smtpPort =
          env.getOrDefault("FAKE_SMTP_PORT", String.valueOf(FakeMailServer.DEFAULT_PORT));
      String httpPort = env.getOrDefault("FAKE_MAIL_HTTP_PORT", String.valueOf(DEFAULT_HTTP_PORT));
      String capacity =
          env.getOrDefault("FAKE_MAIL_CAPACITY", String.valueOf(Mailbox.DEFAULT_CAPACITY));
      for (String arg : args) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        String value = eq < 0 ? "" : arg.substring(eq + 1);
        switch (name) {
          case "--host" -> host = value;
          case "--smtp-port" -> smtpPort = value;
          case "--http-port" -> httpPort = value;
          case "--capacity" -> capacity = value;
          default -> throw new IllegalArgumentException("unknown option " + arg
              + "; use --smtp-port=N --http-port=N --host=H --capacity=N");
        }
      }
      return new Options(host, number("SMTP port", smtpPort), number("HTTP port", httpPort),
          number("capacity", capacity));
    }

    private static int number(String what, String value) {
      try {
        return Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " must be a number, was '" + value + "'", e);
      }
    }
  }
}
