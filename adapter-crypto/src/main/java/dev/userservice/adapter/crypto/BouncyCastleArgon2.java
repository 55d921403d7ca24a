package dev.userservice.adapter.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2 in pure Java (Bouncy Castle), which runs everywhere. */
final class BouncyCastleArgon2 implements Argon2Engine {

  // Argon2's memory (the configured m per hash) must not be allocated afresh for every hash: a
  // login burst would keep a small heap in back-to-back full collections (docs/performance.md,
  // "Argon2 memory reused"). A shared pool, sized for the permitted concurrency, makes hashing
  // allocation-free after the first hashes.
  private final Argon2BytesGenerator.BlockPool blocks;

  /** Keeps the memory of {@code concurrentHashes} hashes of {@code settings} for reuse. */
  BouncyCastleArgon2(Argon2Settings settings, int concurrentHashes) {
    long pooledBlocks = (long) concurrentHashes
        * Argon2BytesGenerator.getBlockCount(settings.memoryKib(), settings.parallelism());
    this.blocks = new Argon2BytesGenerator.FixedBlockPool(
        (int) Math.min(Integer.MAX_VALUE, pooledBlocks));
  }

  @Override
  public byte[] derive(byte[] secret, byte[] salt, int type, int version, int memoryKib,
      int iterations, int parallelism, int length) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(type)
        .withVersion(version)
        .withSalt(salt)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withBlockPool(blocks)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(secret, out);
    return out;
  }

  @Override
  public String describe() {
    return "Bouncy Castle (pure Java)";
  }
}
