package dev.userservice.adapter.crypto;

import com.goterl.lazysodium.Sodium;
import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.interfaces.PwHash;
import com.goterl.lazysodium.utils.LibraryLoader;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id and Argon2i in libsodium ({@code crypto_pwhash}), bundled for Linux (x86-64, aarch64),
 * macOS and Windows by lazysodium and called through JNA. libsodium picks its AVX-512, AVX2 or
 * SSSE3 code for the processor it finds at {@code sodium_init}, and maps each hash's memory for
 * that hash and unmaps it after: unlike {@code malloc}, which keeps a freed block of this size
 * in its arena, no memory stays with the process between hashes (docs/performance.md, "Argon2
 * through libsodium").
 *
 * <p>{@code crypto_pwhash} computes Argon2 version 1.3 with one lane and a 16-byte salt, and
 * Argon2i with at least three passes; whatever else (imported Argon2d or version 1.0 hashes, other
 * salts, several lanes) is computed by {@code others}.
 */
final class SodiumArgon2 implements Argon2Engine {

  private static final int SALT_BYTES = 16;
  private static final int MIN_LENGTH = 16;
  private static final int MIN_ARGON2I_ITERATIONS = 3;

  private final Sodium sodium;
  private final Argon2Engine others;

  private SodiumArgon2(Sodium sodium, Argon2Engine others) {
    this.sodium = sodium;
    this.others = others;
  }

  /**
   * libsodium if it loads on this platform and, on a small input of each type it computes, gives
   * exactly what {@code others} gives; {@code others} computes what libsodium does not.
   *
   * @throws LinkageError or a {@code RuntimeException} when the library does not load
   * @throws IllegalStateException when it loads but disagrees with {@code others}
   */
  static SodiumArgon2 load(Argon2Engine others) {
    Sodium sodium = new SodiumJava(LibraryLoader.Mode.PREFER_BUNDLED);
    // Chooses the fastest Argon2 code for this processor; without it the portable code runs.
    if (sodium.sodium_init() < 0) {
      throw new IllegalStateException("libsodium did not initialise");
    }
    SodiumArgon2 engine = new SodiumArgon2(sodium, others);
    byte[] secret = "correct horse".getBytes(StandardCharsets.UTF_8);
    byte[] salt = new byte[SALT_BYTES];
    Arrays.fill(salt, (byte) 7);
    for (int type : new int[] {Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_i}) {
      byte[] expected = others.derive(secret, salt, type, Argon2Parameters.ARGON2_VERSION_13,
          64, 3, 1, 32);
      byte[] actual = engine.sodiumDerive(secret, salt, type, 64, 3, 32);
      if (!Arrays.equals(actual, expected)) {
        throw new IllegalStateException(
            "libsodium disagrees with " + others.describe() + " on Argon2 type " + type);
      }
    }
    return engine;
  }

  /** Whether libsodium computes these parameters, rather than {@code others}. */
  static boolean computes(int type, int version, int iterations, int parallelism, int saltBytes,
      int length) {
    boolean typeAndPasses = type == Argon2Parameters.ARGON2_id
        || (type == Argon2Parameters.ARGON2_i && iterations >= MIN_ARGON2I_ITERATIONS);
    return typeAndPasses && version == Argon2Parameters.ARGON2_VERSION_13 && parallelism == 1
        && saltBytes == SALT_BYTES && length >= MIN_LENGTH;
  }

  @Override
  public byte[] derive(byte[] secret, byte[] salt, int type, int version, int memoryKib,
      int iterations, int parallelism, int length) {
    if (!computes(type, version, iterations, parallelism, salt.length, length)) {
      return others.derive(secret, salt, type, version, memoryKib, iterations, parallelism,
          length);
    }
    return sodiumDerive(secret, salt, type, memoryKib, iterations, length);
  }

  private byte[] sodiumDerive(byte[] secret, byte[] salt, int type, int memoryKib,
      int iterations, int length) {
    PwHash.Alg alg = type == Argon2Parameters.ARGON2_id ? PwHash.Alg.PWHASH_ALG_ARGON2ID13
        : PwHash.Alg.PWHASH_ALG_ARGON2I13;
    byte[] out = new byte[length];
    int result = sodium.crypto_pwhash(out, length, secret, secret.length, salt, iterations,
        new NativeLong(memoryKib * 1024L), alg.getValue());
    if (result != 0) {
      // The only failure left once the parameters are in range: the memory could not be mapped.
      throw new IllegalStateException("libsodium could not compute Argon2 with m=" + memoryKib
          + " KiB, t=" + iterations + " (out of memory?)");
    }
    return out;
  }

  @Override
  public String describe() {
    return "libsodium (native, through lazysodium)";
  }
}
