package dev.userservice.adapter.crypto;

/**
 * The cost of one Argon2id hash: memory in KiB, passes over it, and lanes. Changing any of them
 * makes {@link Argon2PasswordHasher#needsRehash} answer true for older hashes, so stored hashes
 * follow the configuration at each user's next login.
 */
public record Argon2Settings(int memoryKib, int iterations, int parallelism) {

  /** The most memory a hash may ask for (4 GiB): beyond it the JVM could not allocate it. */
  static final int MAX_MEMORY_KIB = 1 << 22;

  static final int MAX_ITERATIONS = 1_000;

  static final int MAX_PARALLELISM = 255;

  public Argon2Settings {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "Argon2 parallelism must be between 1 and " + MAX_PARALLELISM + ": " + parallelism);
    }
    // Argon2 needs at least 8 KiB per lane.
    if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("Argon2 memory must be between " + 8 * parallelism
          + " and " + MAX_MEMORY_KIB + " KiB: " + memoryKib);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "Argon2 iterations must be between 1 and " + MAX_ITERATIONS + ": " + iterations);
    }
  }

  /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
  public static Argon2Settings defaults() {
    return new Argon2Settings(19_456, 2, 1);
  }
}
