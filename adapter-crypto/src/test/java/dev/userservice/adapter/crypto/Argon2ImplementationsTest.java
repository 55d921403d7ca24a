package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libargon2 (through argon2-jvm) and Bouncy Castle compute the same Argon2 for the same inputs,
 * so a hash written by either verifies by the other, and the hasher runs the native one here.
 */
class Argon2ImplementationsTest {

  private static final Argon2Settings SETTINGS = new Argon2Settings(1024, 2, 1);
  private static final BouncyCastleArgon2 PURE_JAVA = new BouncyCastleArgon2(SETTINGS, 1);
  private static NativeArgon2 nativeEngine;

  // The project builds and runs on Linux x86-64, one of the platforms argon2-jvm ships libargon2
  // for: a library that does not load here is a failure, not a reason to skip.
  @BeforeAll
  static void loadTheNativeLibrary() {
    nativeEngine = NativeArgon2.load(PURE_JAVA);
  }

  @Test
  void theHasher_runsLibargon2_whereItLoads_andSaysSo() {
    assertThat(new Argon2PasswordHasher(SETTINGS, 1).implementation())
        .isEqualTo("Argon2 by libargon2 (native, through argon2-jvm)");
    assertThat(Argon2PasswordHasher.pureJava(SETTINGS).implementation())
        .isEqualTo("Argon2 by Bouncy Castle (pure Java)");
  }

  @Test
  void bothImplementations_deriveTheSameBytes_acrossTypesVersionsAndParameters() {
    Random random = new Random(9106);
    int[] types = {Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_i,
        Argon2Parameters.ARGON2_d};
    int[] versions = {Argon2Parameters.ARGON2_VERSION_13, Argon2Parameters.ARGON2_VERSION_10};
    List<byte[]> secrets = List.of(new byte[] {0}, "p".getBytes(StandardCharsets.UTF_8),
        "лётмеин correct horse 🐎".getBytes(StandardCharsets.UTF_8), bytes(random, 200));
    int cases = 0;
    for (int type : types) {
      for (int version : versions) {
        for (byte[] secret : secrets) {
          int parallelism = 1 + random.nextInt(4);
          int memoryKib = 8 * parallelism + random.nextInt(512);
          int iterations = 1 + random.nextInt(3);
          byte[] salt = bytes(random, 8 + random.nextInt(57));
          int length = 16 + random.nextInt(113);
          assertThat(nativeEngine.derive(secret, salt, type, version, memoryKib, iterations,
              parallelism, length))
              .as("type %d, version %d, m=%d, t=%d, p=%d, salt %d, length %d", type, version,
                  memoryKib, iterations, parallelism, salt.length, length)
              .isEqualTo(PURE_JAVA.derive(secret, salt, type, version, memoryKib, iterations,
                  parallelism, length));
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(24);
  }

  @Test
  void aHashWrittenByEither_verifiesByTheOther() {
    Argon2PasswordHasher nativeHasher = new Argon2PasswordHasher(SETTINGS, 1);
    Argon2PasswordHasher pureJavaHasher = Argon2PasswordHasher.pureJava(SETTINGS);
    Password password = Password.of("lètmein correct horse", "password");
    Password wrong = Password.of("lètmein correct horsE", "password");

    PasswordHash byNative = nativeHasher.hash(password);
    PasswordHash byPureJava = pureJavaHasher.hash(password);

    assertThat(byNative.value()).startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
    assertThat(pureJavaHasher.verify(password, byNative)).isTrue();
    assertThat(nativeHasher.verify(password, byPureJava)).isTrue();
    assertThat(pureJavaHasher.verify(wrong, byNative)).isFalse();
    assertThat(nativeHasher.verify(wrong, byPureJava)).isFalse();
    assertThat(nativeHasher.needsRehash(byPureJava)).isFalse();
  }

  private static byte[] bytes(Random random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }
}
