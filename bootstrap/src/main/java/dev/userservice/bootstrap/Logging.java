package dev.userservice.bootstrap;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;

/**
 * The service's logback setup: everything to standard output, one line per event as text or
 * JSON ({@code LOG_FORMAT}), libraries that chatter at INFO held to WARN. Set up in code, found
 * by logback through {@code META-INF/services}, because reading the same setup from XML loads
 * hundreds of classes more, on start-up's critical path before anything else can begin
 * (docs/performance.md, "Logging set up in code"). A file named by
 * {@code -Dlogback.configurationFile} is still read instead.
 *
 * <p>JSON lines come from logstash-logback-encoder: {@code @timestamp} in ISO-8601 (UTC), the
 * formatted {@code message}, {@code level}, {@code logger_name}, {@code thread_name}, the MDC
 * (e.g. {@code request_id}) and every SLF4J key-value pair as a field of its own. To log named
 * fields, use SLF4J's fluent API, e.g. {@code log.atInfo().setMessage("login failed for {}")
 * .addArgument(id).addKeyValue("event.type", "login_failed").addKeyValue("user.id", id).log()}:
 * the pairs become JSON fields, and the text format shows only the message, so the message
 * itself must say what a person reading the text needs.
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
    Encoder<ILoggingEvent> encoder = encoder(context, json);
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

  /** The started encoder for one format: a pattern for people, or JSON lines for machines. */
  static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
    Encoder<ILoggingEvent> encoder;
    if (json) {
      LogstashEncoder logstash = new LogstashEncoder();
      logstash.setTimeZone("UTC");
      // The logback context's properties would repeat on every line; nothing reads them.
      logstash.setIncludeContext(false);
      LogstashFieldNames names = new LogstashFieldNames();
      names.setVersion("[ignore]");
      names.setLevelValue("[ignore]");
      logstash.setFieldNames(names);
      encoder = logstash;
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern(PATTERN);
      encoder = pattern;
    }
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }
}
