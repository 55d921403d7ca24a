package dev.userservice.bootstrap;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * The service's logback setup: everything to standard output, one line per event as text or
 * JSON ({@code LOG_FORMAT}), libraries that chatter at INFO held to WARN. Set up in code, found
 * by logback through {@code META-INF/services}, because reading the same setup from XML loaded
 * some 400 classes and took 0.2 s of start-up, before anything else could begin. A file named by
 * {@code -Dlogback.configurationFile} is still read instead.
 */
public final class Logging extends ContextAwareBase implements Configurator {

  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
  private static final List<String> QUIET = List.of("org.eclipse.jetty", "io.netty",
      "io.lettuce", "com.zaxxer.hikari", "org.flywaydb", "org.jooq", "org.subethamail",
      "io.zonky", "io.javalin");

  private static volatile boolean json;

  /** Picks the format; call before the first logger exists. */
  static void configure(String format) {
    json = "json".equalsIgnoreCase(format);
  }

  /** Called by logback, once, when the first logger is asked for. */
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Encoder<ILoggingEvent> encoder;
    if (json) {
      encoder = new JsonEncoder();
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern(PATTERN);
      encoder = pattern;
    }
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
