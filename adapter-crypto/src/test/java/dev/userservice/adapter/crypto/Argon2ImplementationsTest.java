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
 * libsodium (through lazysodium) and Bouncy Castle compute the same Argon2 for the same inputs,
 * so a hash written by either verifies by the other, and the hasher runs the native one here.
 */
class Argon2ImplementationsTest {

  private static final Argon2Settings SETTINGS = new Argon2Settings(1024, 2, 1);
  private static final BouncyCastleArgon2 PURE_JAVA = new BouncyCastleArgon2(SETTINGS, 1);
  private static SodiumArgon2 nativeEngine;

  // The project builds and runs on Linux x86-64, one of the platforms lazysodium ships libsodium
  // for: a library that does not load here is a failure, not a reason to skip.
  @BeforeAll
  static void loadTheNativeLibrary() {
    nativeEngine = SodiumArgon2.load(PURE_JAVA);
  }

  @Test
  void theHasher_runsLibsodium_whereItLoads_andSaysSo() {
    assertThat(new Argon2PasswordHasher(SETTINGS, 1).implementation())
        .isEqualTo("Argon2 by libsodium (native, through lazysodium)");
    assertThat(Argon2PasswordHasher.pureJava(SETTINGS).implementation())
        .isEqualTo("Argon2 by Bouncy Castle (pure Java)");
  }

  @Test
  void aParallelismLibsodiumDoesNotCompute_isHashedByBouncyCastle_andTheLogSaysSo() {
    Argon2PasswordHasher fourLanes = new Argon2PasswordHasher(new Argon2Settings(1024, 2, 4), 1);
    Password password = Password.of("lètmein correct horse", "password");

    PasswordHash hash = fourLanes.hash(password);

    assertThat(fourLanes.implementation()).isEqualTo("Argon2 by Bouncy Castle (pure Java)"
        + " (libsodium computes one lane only; the parallelism configured is 4)");
    assertThat(hash.value()).startsWith("$argon2id$v=19$m=1024,t=2,p=4$");
    assertThat(Argon2PasswordHasher.pureJava(new Argon2Settings(1024, 2, 4))
        .verify(password, hash)).isTrue();
  }

  @Test
  void libsodiumComputes_version13OneLaneSixteenByteSalts_andArgon2iFromThreePasses() {
    int id = Argon2Parameters.ARGON2_id;
    int i = Argon2Parameters.ARGON2_i;
    int v13 = Argon2Parameters.ARGON2_VERSION_13;
    assertThat(SodiumArgon2.computes(id, v13, 1, 1, 16, 16)).isTrue();
    assertThat(SodiumArgon2.computes(i, v13, 3, 1, 16, 32)).isTrue();
    assertThat(SodiumArgon2.computes(i, v13, 2, 1, 16, 32)).isFalse();
    assertThat(SodiumArgon2.computes(Argon2Parameters.ARGON2_d, v13, 2, 1, 16, 32)).isFalse();
    assertThat(SodiumArgon2.computes(id, Argon2Parameters.ARGON2_VERSION_10, 2, 1, 16, 32))
        .isFalse();
    assertThat(SodiumArgon2.computes(id, v13, 2, 2, 16, 32)).isFalse();
    assertThat(SodiumArgon2.computes(id, v13, 2, 1, 8, 32)).isFalse();
    assertThat(SodiumArgon2.computes(id, v13, 2, 1, 16, 15)).isFalse();
  }

  @Test
  void bothImplementations_deriveTheSameBytes_acrossTheParametersLibsodiumComputes() {
    Random random = new Random(9106);
    List<byte[]> secrets = List.of(new byte[] {0}, "p".getBytes(StandardCharsets.UTF_8),
        "лётмеин correct horse 🐎".getBytes(StandardCharsets.UTF_8), bytes(random, 200));
    int cases = 0;
    for (int type : new int[] {Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_i}) {
      for (int round = 0; round < 3; round++) {
        for (byte[] secret : secrets) {
          int memoryKib = 8 + random.nextInt(2048);
          int iterations = (type == Argon2Parameters.ARGON2_i ? 3 : 1) + random.nextInt(3);
          byte[] salt = bytes(random, 16);
          int length = 16 + random.nextInt(113);
          assertThat(SodiumArgon2.computes(type, Argon2Parameters.ARGON2_VERSION_13, iterations,
              1, salt.length, length)).isTrue();
          assertThat(nativeEngine.derive(secret, salt, type, Argon2Parameters.ARGON2_VERSION_13,
              memoryKib, iterations, 1, length))
              .as("type %d, m=%d, t=%d, length %d", type, memoryKib, iterations, length)
              .isEqualTo(PURE_JAVA.derive(secret, salt, type, Argon2Parameters.ARGON2_VERSION_13,
                  memoryKib, iterations, 1, length));
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(24);
  }

  @Test
  void whatLibsodiumDoesNotCompute_theNativeEngineHandsOn_withTheSameResult() {
    Random random = new Random(8018);
    byte[] secret = "correct horse".getBytes(StandardCharsets.UTF_8);
    int[][] others = { // type, version, iterations, parallelism, salt bytes
        {Argon2Parameters.ARGON2_d, Argon2Parameters.ARGON2_VERSION_13, 2, 1, 16},
        {Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_10, 2, 1, 16},
        {Argon2Parameters.ARGON2_i, Argon2Parameters.ARGON2_VERSION_13, 2, 1, 16},
        {Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, 2, 3, 16},
        {Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, 2, 1, 9}};
    for (int[] p : others) {
      byte[] salt = bytes(random, p[4]);
      assertThat(SodiumArgon2.computes(p[0], p[1], p[2], p[3], p[4], 32)).isFalse();
      assertThat(nativeEngine.derive(secret, salt, p[0], p[1], 256, p[2], p[3], 32))
          .isEqualTo(PURE_JAVA.derive(secret, salt, p[0], p[1], 256, p[2], p[3], 32));
    }
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
