package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The start-up log says which implementation signs tokens and which hashes passwords: on this
 * machine's platform (Linux x86-64) the native ones, AWS-LC and libsodium (the latter once the
 * service serves).
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
      // Argon2's line comes once the service serves, from a thread of its own.
      Instant giveUp = Instant.now().plusSeconds(20); // a hang guard, not a timing check
      while (messages(logs).stream().noneMatch(line -> line.startsWith("Argon2 by"))
          && Instant.now().isBefore(giveUp)) {
        RunningApp.pause(Duration.ofMillis(50));
      }
      assertThat(messages(logs))
          .anySatisfy(line -> assertThat(line).startsWith("RS256 signing by AmazonCorrettoCrypto"))
          .anySatisfy(line -> assertThat(line)
              .isEqualTo("Argon2 by libsodium (native, through lazysodium)"));
    } finally {
      root.detachAppender(logs);
    }
  }

  private static List<String> messages(ListAppender<ILoggingEvent> logs) {
    synchronized (logs.list) {
      return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
