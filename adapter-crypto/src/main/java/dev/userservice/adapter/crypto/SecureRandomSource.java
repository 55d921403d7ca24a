package dev.userservice.adapter.crypto;

import dev.userservice.domain.port.RandomSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** Randomness for secrets from one shared {@link SecureRandom}, which is thread-safe. */
@Singleton
public final class SecureRandomSource implements RandomSource {

  private final SecureRandom random = new SecureRandom();

  @Inject
  public SecureRandomSource() {
  }

  @Override
  public byte[] bytes(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  @Override
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }
}
