package dev.userservice.bootstrap;

import dev.userservice.adapter.http.HttpExtension;
import dev.userservice.devservices.DevServices;
import dev.userservice.devservices.FakeMail;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The dev jar's command line: the server jar's commands ({@link Main}) plus {@code start-dev},
 * and {@code FAKE_MAIL_ENABLED} backed by the fake mail server. Lives in the bootstrap's package
 * to use its wiring; only this jar carries it.
 */
public final class DevMain implements Main.Dev {

  private DevMain() {}

  public static void main(String[] args) {
    Environment env = Environment.load(Path.of(".env"), System.getenv());
    Logging.configure(env.get("LOG_FORMAT").orElse("text"));
    int status = Main.run(args, env, System.out, System.err, new DevMain());
    if (status != 0) {
      System.exit(status);
    }
  }

  @Override
  public void startDev(List<String> options, Environment env, PrintStream out) {
    boolean fresh = false;
    Path dataDir = Path.of(".dev-data");
    for (int i = 0; i < options.size(); i++) {
      switch (options.get(i)) {
        case "--fresh" -> fresh = true;
        case "--data-dir" -> {
          if (i + 1 >= options.size()) {
            throw new IllegalArgumentException("--data-dir needs a directory");
          }
          dataDir = Path.of(options.get(++i));
        }
        default -> throw new IllegalArgumentException("unknown option: " + options.get(i));
      }
    }
    int wantedSmtpPort;
    try {
      wantedSmtpPort = env.get("FAKE_SMTP_PORT").map(Integer::parseInt).orElse(1025);
    } catch (NumberFormatException e) {
      throw new Settings.InvalidSettingsException(List.of("FAKE_SMTP_PORT must be a port"));
    }
    DevServices services = DevServices.start(dataDir, fresh, wantedSmtpPort);
    try {
      Wiring wiring = Wiring.start(Settings.from(env.withDefaults(services.environment())),
          this::startFakeMail);
      out.print(services.banner(wiring.httpPort(), wiring.managementPort()));
      Main.runUntilStopped(wiring, services);
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  @Override
  public Wiring.Addition startFakeMail(Settings settings) {
    FakeMail fakeMail = FakeMail.start(settings.fakeSmtpPort());
    return Wiring.Addition.of(new HttpExtension(fakeMail::addRoutes, fakeMail.pagePrefixes()),
        fakeMail::close);
  }
}
