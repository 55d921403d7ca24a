package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.fakemail.FakeMailServer;
import dev.userservice.fakemail.Mailbox;
import dev.userservice.fakemail.ReceivedMail;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mail is never lost: a registration succeeds while the SMTP server is down, the letter waits in
 * the outbox and arrives once the server is up; a server that never comes up leaves the letter
 * abandoned after the configured attempts, with the last error.
 */
class MailDeliveryTest {

  private static final String PASSWORD = "correct horse battery";
  private static final int ANY = -1;

  @Test
  void smtpDownAtRegistration_theLetterWaits_andArrivesWhenTheServerComesUp() throws Exception {
    int smtpPort = TestServices.freePort();
    try (RunningApp app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "false",
        "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtpPort)))) {
      String email = EndToEndTest.unique("patient");
      assertThat(app.post("/users", null, Map.of("email", email, "password", PASSWORD)).status())
          .isEqualTo(201);
      awaitOutboxStatus(email, "pending", 1);

      Mailbox mailbox = new Mailbox();
      try (FakeMailServer server = new FakeMailServer(mailbox, smtpPort).start()) {
        List<ReceivedMail> letters = mailbox.await(email, 1, Duration.ofSeconds(30));
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).subject()).contains("verification code");
        assertThat(server.port()).isEqualTo(smtpPort);
        // The mailbox holds the letter before the server has acknowledged it: stopping the
        // server now could cut the session short, and the sender would rightly retry.
        awaitOutboxStatus(email, "sent", ANY);
      }
    }
  }

  @Test
  void smtpThatNeverComesUp_leavesTheLetterAbandonedAfterTheConfiguredAttempts()
      throws Exception {
    int closedPort = TestServices.freePort();
    try (RunningApp app = RunningApp.start(Map.of("FAKE_MAIL_ENABLED", "false",
        "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(closedPort),
        "MAIL_MAX_ATTEMPTS", "2"))) {
      String email = EndToEndTest.unique("unlucky");
      assertThat(app.post("/users", null, Map.of("email", email, "password", PASSWORD)).status())
          .isEqualTo(201);

      awaitOutboxStatus(email, "abandoned", 2);
    }
  }

  /**
   * Waits (a hang guard) until the letter to {@code email} has that status and attempt count
   * ({@link #ANY} for any count).
   */
  private static void awaitOutboxStatus(String email, String status, int attempts)
      throws SQLException {
    Map<String, String> env = TestServices.environment();
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(45));
    String seen = "nothing";
    try (var connection = DriverManager.getConnection(env.get("DATABASE_URL"),
        env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        var query = connection.prepareStatement(
            "SELECT status, attempts, last_error FROM mail_outbox WHERE recipient = ?")) {
      query.setString(1, email);
      while (Instant.now().isBefore(giveUp)) {
        try (var row = query.executeQuery()) {
          if (row.next()) {
            seen = row.getString(1) + " after " + row.getInt(2) + " attempts ("
                + row.getString(3) + ")";
            if (row.getString(1).equals(status) && (attempts == ANY || row.getInt(2) == attempts)) {
              if (!status.equals("sent")) {
                assertThat(row.getString(3)).as("the last error is kept").isNotBlank();
              }
              return;
            }
          }
        }
        RunningApp.pause(Duration.ofMillis(200));
      }
    }
    throw new AssertionError("the letter to " + email + " never became " + status
        + (attempts == ANY ? "" : " after " + attempts + " attempts") + "; last seen: " + seen);
  }
}
