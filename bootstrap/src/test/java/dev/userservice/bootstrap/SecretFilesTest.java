package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.ServerSecret;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Issue 17, finding 15: a secret file open to the group or others is reported at start. */
class SecretFilesTest {

  @TempDir
  Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
  }

  @Test
  void finding15_aKeyFileReadableByGroupOrOthers_isReported_namingTheSetting() throws IOException {
    for (String open : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"}) {
      Path key = Files.writeString(dir.resolve("key-" + open + ".pem"), "secret");
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(open));

      assertThat(SecretFiles.exposure(key, "JWT_PRIVATE_KEY_FILE")).as(open)
          .hasValueSatisfying(warning -> assertThat(warning)
              .contains("JWT_PRIVATE_KEY_FILE", key.toString(), open, "chmod 600"));
    }
  }

  @Test
  void aKeyFileOpenOnlyToItsOwner_isFine() throws IOException {
    for (String owner : new String[] {"rw-------", "r--------"}) {
      Path key = Files.writeString(dir.resolve("key-" + owner + ".pem"), "secret");
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(owner));

      assertThat(SecretFiles.exposure(key, "SECRET_KEY_FILE")).as(owner).isEmpty();
    }
    assertThat(SecretFiles.exposure(dir.resolve("missing.pem"), "SECRET_KEY_FILE")).isEmpty();
  }

  @Test
  void finding15_theStartWarnsAboutAnOpenSigningKeyAndSecretKey() throws IOException {
    Path key = dir.resolve("signing.pem");
    PemKeys.writePrivateKey(PemKeys.generate(2048).getPrivate(), key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    Path secret = dir.resolve("secret.key");
    ServerSecret.generate(secret);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-rw----"));
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger logger = (Logger) LoggerFactory.getLogger(SecretFiles.class);
    logger.addAppender(logged);
    try {
      RunningApp.start(Map.of("JWT_PRIVATE_KEY_FILE", key.toString(),
          "SECRET_KEY_FILE", secret.toString(), "FAKE_MAIL_ENABLED", "false")).close();
    } finally {
      logger.detachAppender(logged);
    }

    assertThat(logged.list).anySatisfy(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains("JWT_PRIVATE_KEY_FILE", "rw-r--r--");
    });
    assertThat(logged.list).anySatisfy(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains("SECRET_KEY_FILE", "rw-rw----");
    });
  }
}
