package dev.userservice.bootstrap;

import dev.userservice.adapter.postgres.PostgresDatabase;
import dev.userservice.adapter.postgres.PostgresSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line: {@code start-dev}, {@code start}, {@code migrate}, {@code --help}. */
public final class Main {

  static final String USAGE = """
      Usage: java -jar bootstrap/target/user-service.jar <command> [options]

      Commands:
        start-dev [--fresh] [--data-dir DIR]
                   Run with embedded PostgreSQL and Redis and the fake mail server; nothing to
                   install. Data is kept in DIR (default ./.dev-data); --fresh wipes it first.
        start      Run against the PostgreSQL, Redis and SMTP server named by the environment
                   (see .env.example). Migrations run first.
        migrate    Apply the database migrations and exit.
        --help     Show this text.

      Settings come from environment variables and an optional .env file in the working
      directory; see .env.example for every variable, its default and meaning.
      """;

  private Main() {}

  public static void main(String[] args) {
    Environment env = Environment.load(Path.of(".env"), System.getenv());
    Logging.configure(env.get("LOG_FORMAT").orElse("text"));
    int status = run(args, env, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, Environment env, PrintStream out, PrintStream err) {
    List<String> arguments = new ArrayList<>(List.of(args));
    String command = arguments.isEmpty() ? "--help" : arguments.remove(0);
    try {
      switch (command) {
        case "start-dev" -> startDev(arguments, env, out);
        case "start" -> start(env);
        case "migrate" -> migrate(env);
        case "--help", "-h", "help" -> out.print(USAGE);
        default -> {
          err.println("unknown command: " + command);
          err.print(USAGE);
          return 2;
        }
      }
      return 0;
    } catch (Settings.InvalidSettingsException e) {
      err.println(e.getMessage());
      return 3;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      return 2;
    }
  }

  private static void start(Environment env) {
    Settings settings = Settings.forStart(env);
    runUntilStopped(Wiring.start(settings), null);
  }

  private static void migrate(Environment env) {
    PostgresSettings database = Settings.database(env);
    // Two connections: Flyway holds its PostgreSQL lock on one while it migrates on the other.
    try (PostgresDatabase migrating = new PostgresDatabase(new PostgresSettings(
        database.jdbcUrl(), database.user(), database.password(), 2))) {
      migrating.migrate();
    }
  }

  private static void startDev(List<String> options, Environment env, PrintStream out) {
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
    DevServices services = DevServices.start(dataDir, fresh, env);
    try {
      Wiring wiring = Wiring.start(Settings.from(env.withDefaults(services.environment())));
      out.print(services.banner(wiring.httpPort(), wiring.managementPort()));
      runUntilStopped(wiring, services);
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  /** Blocks until SIGTERM/SIGINT, then shuts down gracefully. */
  private static void runUntilStopped(Wiring wiring, AutoCloseable services) {
    Logger log = LoggerFactory.getLogger(Main.class);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping");
      wiring.close();
      if (services != null) {
        try {
          services.close();
        } catch (Exception e) {
          log.warn("while stopping the embedded services: {}", e.toString());
        }
      }
      stopped.countDown();
    }, "shutdown"));
    log.info("ready on port {} (management on port {})", wiring.httpPort(),
        wiring.managementPort());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
