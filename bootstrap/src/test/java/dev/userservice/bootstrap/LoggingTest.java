package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ServiceLoader;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The log setup the service installs (see {@link Logging}), on contexts of the test's own. */
class LoggingTest {

  @AfterEach
  void backToText() {
    Logging.configure("text");
  }

  @Test
  void logbackFindsThisSetup() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .containsExactly(Logging.class);
  }

  @Test
  void text_isOneLinePerEvent_andChattyLibrariesAreHeldToWarn() {
    LoggerContext context = newContext();
    assertThat(new Logging().configure(context))
        .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    ConsoleAppender<ILoggingEvent> console = console(context);
    assertThat(console.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    String line = new String(console.getEncoder().encode(event(context, "ready on port 8080")),
        StandardCharsets.UTF_8);
    assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\] .*\\R")
        .contains(" d.u.bootstrap.Main - ready on port 8080");
    assertThat(context.getLogger("org.eclipse.jetty.server").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("dev.userservice.http.access").getEffectiveLevel())
        .isEqualTo(Level.INFO);
  }

  @Test
  void json_isOneObjectPerLine_withAnIsoTimestamp_theFormattedMessage_andNamedFields()
      throws Exception {
    Logging.configure("JSON");
    LoggerContext context = newContext();
    new Logging().configure(context);

    ConsoleAppender<ILoggingEvent> console = console(context);
    assertThat(console.getEncoder()).isInstanceOf(LogstashEncoder.class);
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger(Main.class),
        Level.INFO, "ready on port {}", null, new Object[] {8080});
    event.setThreadName("main");
    // What any part of the service adds through SLF4J's fluent API (addKeyValue).
    event.addKeyValuePair(new org.slf4j.event.KeyValuePair("event.type", "example"));
    event.addKeyValuePair(new org.slf4j.event.KeyValuePair("user.id", "42"));
    String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith("\n").hasLineCount(1);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(Instant.parse(json.get("@timestamp").asText())).isNotNull();
    assertThat(json.get("@timestamp").asText()).endsWith("Z");
    assertThat(json.get("message").asText()).isEqualTo("ready on port 8080");
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("logger_name").asText()).isEqualTo(Main.class.getName());
    assertThat(json.get("event.type").asText()).isEqualTo("example");
    assertThat(json.get("user.id").asText()).isEqualTo("42");
    assertThat(json.has("context")).isFalse();
  }

  @Test
  void aConfigurationFileNamedOnTheCommandLine_isReadInstead() {
    System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, "custom-logback.xml");
    try {
      LoggerContext context = newContext();
      assertThat(new Logging().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext())
          .isFalse();
    } finally {
      System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
    }
  }

  private static LoggerContext newContext() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    return context;
  }

  @SuppressWarnings("unchecked")
  private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
    return (ConsoleAppender<ILoggingEvent>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
  }

  private static ILoggingEvent event(LoggerContext context, String message) {
    Logger logger = context.getLogger(Main.class);
    LoggingEvent event = new LoggingEvent(
        Logger.class.getName(), logger, Level.INFO, message, null, null);
    event.setThreadName("main");
    return event;
  }
}
