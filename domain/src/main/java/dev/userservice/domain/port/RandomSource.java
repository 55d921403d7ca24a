package dev.userservice.domain.port;

/**
 * Randomness for secrets: ids, session ids, refresh tokens and codes. Implementations must be
 * cryptographically secure ({@code SecureRandom}) and thread-safe.
 */
public interface RandomSource {

  /** {@code count} fresh random bytes. */
  byte[] bytes(int count);

  /** A uniformly distributed value in {@code [0, bound)}. */
  int nextInt(int bound);
}
