package dev.userservice.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.CodePurpose;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.RateLimit;
import dev.userservice.domain.port.TokenStore;
import dev.userservice.domain.port.TokenStoreContract;
import dev.userservice.domain.port.SessionLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryTokenStoreTest extends TokenStoreContract {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore(new SystemClock());
  }

  @Test
  void session_isLiveUntilItsLifetimeEnds_onTheClock() {
    ManualClock clock = new ManualClock(T0);
    InMemoryTokenStore store = new InMemoryTokenStore(clock);
    UserId user = new UserId(UUID.randomUUID());
    SessionId session = new SessionId("AAAAAAAAAAAAAAAAAAAAAA");
    store.createSession(user, session, "ab12", T0, limits(Duration.ofDays(30)));

    clock.advance(Duration.ofDays(30).minusSeconds(1));
    assertThat(store.liveSessionCacheRevision(user, session)).isPresent();

    clock.advance(Duration.ofSeconds(1));
    assertThat(store.liveSessionCacheRevision(user, session)).isEmpty();
  }

  @Test
  void expiredEntries_areDropped_soMemoryStaysBoundedByWhatIsLive() {
    InMemoryTokenStore store = new InMemoryTokenStore(new ManualClock(T0));
    Instant now = T0;
    for (int i = 0; i < 5_000; i++) {
      now = now.plusSeconds(1);
      UserId user = new UserId(UUID.randomUUID());
      store.createSession(user, new SessionId(String.format("%022d", i)), "ab", now,
          limits(Duration.ofSeconds(10)));
      store.saveCode(user, CodePurpose.EMAIL_VERIFICATION, "cd", now.plusSeconds(10));
      store.tryAcquire("bucket-" + i, List.of(new RateLimit(1, Duration.ofSeconds(10))), now);
      store.reserveLoginAttempt("account-" + i, 1, Duration.ofSeconds(10), now);
    }

    // Only about the last ten seconds' worth is live; a sweep may lag by one cycle.
    assertThat(store.entries()).isLessThan(1_000);
  }

  private static SessionLimits limits(Duration ttl) {
    return new SessionLimits(ttl, Duration.ofDays(90), 100);
  }
}
