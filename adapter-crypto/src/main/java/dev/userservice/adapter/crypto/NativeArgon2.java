package dev.userservice.adapter.crypto;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import de.mkammerer.argon2.Argon2Version;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 in libargon2, the reference implementation in C, bundled by argon2-jvm for Linux
 * (x86-64, aarch64), macOS and Windows and called through JNA; faster than the pure Java one
 * (docs/performance.md, "Refresh, Argon2 and start-up again"). libargon2 allocates each hash's
 * memory itself and frees it after, outside the Java heap.
 */
final class NativeArgon2 implements Argon2Engine {

  private final Map<Integer, Argon2Advanced> byType;

  private NativeArgon2() {
    byType = Map.of(
        Argon2Parameters.ARGON2_id, Argon2Factory.createAdvanced(Argon2Types.ARGON2id),
        Argon2Parameters.ARGON2_i, Argon2Factory.createAdvanced(Argon2Types.ARGON2i),
        Argon2Parameters.ARGON2_d, Argon2Factory.createAdvanced(Argon2Types.ARGON2d));
  }

  /**
   * The native implementation if its library loads on this platform and, on a small input of
   * every type and version, gives exactly what {@code reference} gives.
   *
   * @throws LinkageError or a {@code RuntimeException} when the library does not load
   * @throws IllegalStateException when it loads but disagrees with {@code reference}
   */
  static NativeArgon2 load(Argon2Engine reference) {
    NativeArgon2 engine = new NativeArgon2();
    byte[] secret = "correct horse".getBytes(StandardCharsets.UTF_8);
    byte[] salt = new byte[16];
    Arrays.fill(salt, (byte) 7);
    for (int type : engine.byType.keySet()) {
      for (int version : new int[] {Argon2Parameters.ARGON2_VERSION_10,
          Argon2Parameters.ARGON2_VERSION_13}) {
        byte[] expected = reference.derive(secret, salt, type, version, 64, 2, 2, 32);
        if (!Arrays.equals(engine.derive(secret, salt, type, version, 64, 2, 2, 32), expected)) {
          throw new IllegalStateException("libargon2 disagrees with " + reference.describe()
              + " on Argon2 type " + type + ", version " + version);
        }
      }
    }
    return engine;
  }

  @Override
  public byte[] derive(byte[] secret, byte[] salt, int type, int version, int memoryKib,
      int iterations, int parallelism, int length) {
    Argon2Version argon2Version = version == Argon2Parameters.ARGON2_VERSION_10
        ? Argon2Version.V10 : Argon2Version.V13;
    return byType.get(type).rawHashAdvanced(iterations, memoryKib, parallelism, secret, salt,
        null, null, length, argon2Version);
  }

  @Override
  public String describe() {
    return "libargon2 (native, through argon2-jvm)";
  }
}
