package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The start-up log says which implementation signs tokens and which hashes passwords: on this
 * machine's platform (Linux x86-64) the native ones, AWS-LC and libargon2.
 */
class StartupLogTest {

  @Test
  void theStart_namesTheNativeSignerAndHasher() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.setContext(context);
    logs.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try (RunningApp app = RunningApp.start(Map.of())) {
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(line -> assertThat(line).startsWith("RS256 signing by AmazonCorrettoCrypto"))
          .anySatisfy(line -> assertThat(line)
              .isEqualTo("Argon2 by libargon2 (native, through argon2-jvm)"));
    } finally {
      root.detachAppender(logs);
    }
  }
}
