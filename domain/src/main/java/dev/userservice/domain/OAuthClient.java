package dev.userservice.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A registered OAuth client: a service account that obtains access tokens with the
 * {@code client_credentials} grant. Its secret is kept only as {@code secretHash}.
 *
 * @param name what the administrator calls it (shown in lists, never used to authenticate)
 * @param scopes the scopes an administrator allowed it; its tokens carry these or fewer
 * @param secretHash the keyed hash of its secret, lower-case hex
 * @param createdBy the administrator who registered it; {@code null} when trusted code did
 */
public record OAuthClient(ClientId id, String name, Scopes scopes, String secretHash,
    Instant createdAt, UserId createdBy) {

  /** The longest name kept. */
  public static final int MAX_NAME = 100;

  public OAuthClient {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(createdAt, "createdAt");
    if (name.isBlank() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("name must be 1 to " + MAX_NAME + " characters");
    }
  }

  /** Never shows the hash. */
  @Override
  public String toString() {
    return "OAuthClient[id=" + id + ", name=" + name + ", scopes=" + scopes + "]";
  }

  /** Whether every scope of {@code requested} is one this client was allowed. */
  public boolean allows(Set<String> requested) {
    return scopes.values().containsAll(requested);
  }
}
