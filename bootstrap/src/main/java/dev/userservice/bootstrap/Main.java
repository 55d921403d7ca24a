package dev.userservice.bootstrap;

import dev.userservice.adapter.postgres.PostgresDatabase;
import dev.userservice.adapter.http.UserImportStream;
import dev.userservice.application.ImportUsers;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line of the server jar: {@code start}, {@code migrate}, {@code import FILE},
 * {@code --help}. The dev jar (module bootstrap-dev) runs the same through
 * {@link #run(String[], Environment, PrintStream, PrintStream, Dev)}, adding {@code start-dev}
 * and the fake mail server.
 */
public final class Main {

  static final String USAGE = """
      Usage: java -jar user-service.jar <command> [options]

      Commands:
        start      Run against the PostgreSQL, Redis and SMTP server named by the environment
                   (see .env.example). Migrations run first.
        migrate    Apply the database migrations and exit.
        import FILE [ANSWERS]
                   Import the users in FILE (NDJSON, one user per line, with the password hash
                   they had elsewhere), as POST /users/import does. One answer line per input
                   line goes to ANSWERS (default FILE.answers.ndjson), the summary to standard
                   output. Exit status 1 if any line was rejected.
        --help     Show this text.

      Settings come from environment variables and an optional .env file in the working
      directory; see .env.example for every variable, its default and meaning.
      """;

  static final String DEV_USAGE = """
      Usage: java -jar user-service-dev.jar <command> [options]

      Commands:
        start-dev [--fresh] [--data-dir DIR]
                   Run with embedded PostgreSQL and Redis and the fake mail server; nothing to
                   install. Data is kept in DIR (default ./.dev-data); --fresh wipes it first.
        start      Run against the PostgreSQL, Redis and SMTP server named by the environment
                   (see .env.example); FAKE_MAIL_ENABLED=true is allowed on loopback.
        migrate    Apply the database migrations and exit.
        import FILE [ANSWERS]
                   Import the users in FILE (NDJSON), as POST /users/import does.
        --help     Show this text.

      Settings come from environment variables and an optional .env file in the working
      directory; see .env.example for every variable, its default and meaning.
      """;

  /** What the dev jar adds: the {@code start-dev} command and the fake mail server. */
  interface Dev {

    /** Runs {@code start-dev} with its options until the process is stopped. */
    void startDev(List<String> options, Environment env, PrintStream out);

    /** Starts the fake mail server and client for a service whose FAKE_MAIL_ENABLED is true. */
    Wiring.Addition startFakeMail(Settings settings);
  }

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
    return run(args, env, out, err, null);
  }

  /** Runs one command; {@code dev} is the dev jar's additions, {@code null} in the server jar. */
  static int run(String[] args, Environment env, PrintStream out, PrintStream err, Dev dev) {
    List<String> arguments = new ArrayList<>(List.of(args));
    String command = arguments.isEmpty() ? "--help" : arguments.remove(0);
    String usage = dev == null ? USAGE : DEV_USAGE;
    try {
      switch (command) {
        case "start-dev" -> {
          if (dev == null) {
            err.println("start-dev is in the dev jar (bootstrap-dev/target/user-service-dev.jar),"
                + " not in this server jar");
            err.print(usage);
            return 2;
          }
          dev.startDev(arguments, env, out);
        }
        case "start" -> start(env, dev);
        case "migrate" -> migrate(env);
        case "import" -> {
          return importUsers(arguments, env, out, dev);
        }
        case "--help", "-h", "help" -> out.print(usage);
        default -> {
          err.println("unknown command: " + command);
          err.print(usage);
          return 2;
        }
      }
      return 0;
    } catch (Settings.InvalidSettingsException e) {
      err.println(e.getMessage());
      return 3;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(usage);
      return 2;
    }
  }

  private static void start(Environment env, Dev dev) {
    Settings settings = Settings.forStart(env);
    runUntilStopped(Wiring.start(settings, dev == null ? null : dev::startFakeMail), null);
  }

  private static void migrate(Environment env) {
    try (PostgresDatabase migrating = new PostgresDatabase(Settings.database(env))) {
      migrating.migrate();
    }
  }

  /**
   * Imports the NDJSON file named by the first argument as trusted code. The answers go to a
   * file (the second argument, else the input's name + {@code .answers.ndjson}), not to
   * {@code out}, where the log lines go; the summary, the answers' last line, goes to
   * {@code out} too. Status 0 when every line was created or a duplicate, 1 when any was
   * rejected, 4 when the import stopped midway (run it again: what was stored is skipped).
   */
  private static int importUsers(List<String> arguments, Environment env, PrintStream out,
      Dev dev) {
    if (arguments.isEmpty() || arguments.size() > 2) {
      throw new IllegalArgumentException(
          "import takes the NDJSON file, and optionally the file for the answers");
    }
    Path input = Path.of(arguments.get(0));
    Path answers = Path.of(arguments.size() == 2 ? arguments.get(1)
        : arguments.get(0) + ".answers.ndjson");
    if (!Files.isReadable(input)) {
      throw new IllegalArgumentException("cannot read " + input);
    }
    Settings settings = Settings.forStart(env);
    try (Wiring wiring = Wiring.open(settings, dev == null ? null : dev::startFakeMail);
        InputStream in = Files.newInputStream(input);
        OutputStream written = Files.newOutputStream(answers)) {
      ImportUsers.Summary summary = UserImportStream.create().run(
          wiring.service().importUsers(), null, null, in, new BufferedOutputStream(written));
      out.println("{\"summary\":{\"created\":" + summary.created() + ",\"duplicates\":"
          + summary.duplicates() + ",\"rejected\":" + summary.rejected() + "}}");
      return summary.rejected() == 0 ? 0 : 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UserImportStream.Aborted e) {
      out.println("{\"aborted\":\"see " + answers + "\"}");
      return 4;
    }
  }

  /** Blocks until SIGTERM/SIGINT, then shuts down gracefully. */
  static void runUntilStopped(Wiring wiring, AutoCloseable services) {
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
