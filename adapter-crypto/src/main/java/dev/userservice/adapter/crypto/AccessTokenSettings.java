package dev.userservice.adapter.crypto;

import java.time.Duration;

/** What access tokens say about where they come from and for whom, and how long they live. */
public record AccessTokenSettings(String issuer, String audience, Duration ttl) {

  public AccessTokenSettings {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("the token issuer must not be blank");
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("the token audience must not be blank");
    }
    if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the token lifetime must be at least one second: " + ttl);
    }
  }

  /** Issuer and audience {@code user-service}, 15 minutes. */
  public static AccessTokenSettings defaults() {
    return new AccessTokenSettings("user-service", "user-service", Duration.ofMinutes(15));
  }
}
