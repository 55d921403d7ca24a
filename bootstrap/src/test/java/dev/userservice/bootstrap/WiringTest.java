package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up runs its slow parts on threads of their own; a failed start stops all of them. */
class WiringTest {

  // A failed start must leave none of its threads behind (its own, Lettuce's, Netty's, the
  // pool's). The JVM's own come and go as they will: the common fork-join pool (AWS-LC runs its
  // self-tests there) and the cleaner the JDK starts when the first native library loads.
  private static final Set<String> JVM_THREADS =
      Set.of("ForkJoinPool.commonPool", "Native reference cleanup thread", "Common-Cleaner");

  @TempDir
  Path dir;

  @Test
  void aStartThatFails_afterItsBackgroundWorkBegan_leavesNoThreadBehind_andTheSchemaWhole()
      throws IOException {
    Map<String, String> env = TestServices.environment();
    Path notAKey = Files.writeString(dir.resolve("jwt-private-key.pem"), "not a key\n");
    env.put("JWT_PRIVATE_KEY_FILE", notAKey.toString());
    // The embedded test services turn the fake mail server on, which only the dev jar's start
    // carries; this start is the server jar's, and must get as far as reading the key.
    env.put("FAKE_MAIL_ENABLED", "false");
    Settings settings = Settings.from(new Environment(env));
    TestServices.emptyDatabase(env); // so that this start has every migration to run
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

    // The key is read after the migrations, Redis and AWS-LC were begun on threads of their own.
    assertThatThrownBy(() -> Wiring.start(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwt-private-key.pem");

    assertThat(failedOrPendingMigrations(env)).isZero();
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(20)); // a hang guard, not a timing check
    while (!threadsStartedSince(before).isEmpty() && Instant.now().isBefore(giveUp)) {
      RunningApp.pause(Duration.ofMillis(50));
    }
    assertThat(threadsStartedSince(before)).isEmpty();
  }

  private static List<String> threadsStartedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && !before.contains(thread))
        .map(Thread::getName)
        .filter(name -> JVM_THREADS.stream().noneMatch(name::startsWith))
        .toList();
  }

  // Migrations that are not applied in full: pending, or cut off mid-way.
  private static long failedOrPendingMigrations(Map<String, String> env) {
    MigrationInfo[] all = Flyway.configure()
        .dataSource(env.get("DATABASE_URL"), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"))
        .locations("classpath:db/user-service/migration")
        .schemas("user_service")
        .table("user_service_schema_history")
        .load()
        .info()
        .all();
    assertThat(all).as("migrations").isNotEmpty();
    return Arrays.stream(all).filter(migration -> migration.getState() != MigrationState.SUCCESS)
        .count();
  }
}
