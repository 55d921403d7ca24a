package dev.userservice.application;

import java.util.Objects;

/**
 * The {@code client_id} and {@code client_secret} a caller of an OAuth endpoint presented, by
 * either method (RFC 6749 §2.3.1); the HTTP adapter refuses a request that uses both.
 */
public record ClientCredentials(String clientId, String secret) {

  public ClientCredentials {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secret, "secret");
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "ClientCredentials[clientId=" + clientId + ", secret=***]";
  }
}
