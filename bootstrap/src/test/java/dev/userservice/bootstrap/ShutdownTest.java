package dev.userservice.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping, as Kubernetes sees it: readiness turns 503 first, the public listener keeps serving
 * through {@code SHUTDOWN_DRAIN}, and only then closes.
 */
class ShutdownTest {

  @Test
  void readinessTurns503_beforeThePublicListenerCloses() throws Exception {
    // A drain far longer than the test: it ends when the test says so, not by the clock.
    RunningApp app = RunningApp.start(Map.of("SHUTDOWN_DRAIN", "PT10M",
        "REDIS_KEY_PREFIX", TestServices.freshKeyPrefix("shutdown")));
    assertThat(app.management("/health/ready").status()).isEqualTo(200);

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(30)); // a hang guard
    while (app.management("/health/ready").status() != 503 && Instant.now().isBefore(giveUp)) {
      RunningApp.pause(Duration.ofMillis(20));
    }

    var ready = app.management("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().path("detail").asText()).contains("shutting down");
    assertThat(app.get("/.well-known/jwks.json", null).status()).isEqualTo(200);
    assertThat(stopping).isNotDone();

    app.wiring.endDrain();
    stopping.get(60, TimeUnit.SECONDS);
    assertThatThrownBy(() -> app.get("/.well-known/jwks.json", null))
        .isInstanceOf(AssertionError.class);
  }
}
