package dev.userservice.domain.port;

import static dev.userservice.domain.port.TestUsers.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConsoleSessions} must do. An adapter's test extends this class and supplies
 * a store; each test uses ids of its own.
 */
public abstract class ConsoleSessionsContract {

  private static final Duration IDLE = Duration.ofMinutes(30);

  private ConsoleSessions sessions;

  protected abstract ConsoleSessions newStore();

  @BeforeEach
  void freshStore() {
    sessions = newStore();
  }

  @Test
  void savedSession_readsBackWithEveryField() {
    ConsoleSession session = session(Duration.ofHours(8));
    String id = newId();

    sessions.save(id, session, IDLE, T0);

    assertThat(sessions.use(id, IDLE, T0.plusSeconds(1))).contains(session);
    assertThat(sessions.use(newId(), IDLE, T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void eachUse_keepsTheSessionAliveForAnotherIdleTimeout() {
    String id = newId();
    sessions.save(id, session(Duration.ofHours(8)), IDLE, T0);

    assertThat(sessions.use(id, IDLE, T0.plus(Duration.ofMinutes(29)))).isPresent();
    assertThat(sessions.use(id, IDLE, T0.plus(Duration.ofMinutes(58)))).isPresent();
  }

  @Test
  void aSessionUnusedForTheIdleTimeout_isGone_evenIfUsedAgainLater() {
    String id = newId();
    sessions.save(id, session(Duration.ofHours(8)), IDLE, T0);

    assertThat(sessions.use(id, IDLE, T0.plus(IDLE).plusSeconds(1))).isEmpty();
    assertThat(sessions.use(id, IDLE, T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void aSessionPastItsEnd_isGone_howeverActive() {
    String id = newId();
    sessions.save(id, session(Duration.ofMinutes(50)), IDLE, T0);

    assertThat(sessions.use(id, IDLE, T0.plus(Duration.ofMinutes(25)))).isPresent();
    assertThat(sessions.use(id, IDLE, T0.plus(Duration.ofMinutes(50)))).isEmpty();
    assertThat(sessions.use(id, IDLE, T0.plus(Duration.ofMinutes(26)))).isEmpty();
  }

  @Test
  void aRemovedSession_isGone_andRemovingAnUnknownOneIsNoError() {
    String id = newId();
    sessions.save(id, session(Duration.ofHours(8)), IDLE, T0);

    sessions.remove(id);
    sessions.remove(newId());

    assertThat(sessions.use(id, IDLE, T0.plusSeconds(1))).isEmpty();
  }

  private static ConsoleSession session(Duration lifetime) {
    return new ConsoleSession(new UserId(UUID.randomUUID()),
        new SessionId("AAAAAAAAAAAAAAAAAAAAAA"), Role.ADMIN, AuthMethods.PASSWORD_AND_OTP,
        "form-" + UUID.randomUUID(), T0, T0.plus(lifetime));
  }

  private static String newId() {
    return "id-" + UUID.randomUUID();
  }
}
