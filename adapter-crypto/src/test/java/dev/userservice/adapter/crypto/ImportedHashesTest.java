package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;

/**
 * Hashes made by other systems' own libraries (Spring Security's encoders, the JDK's PBKDF2,
 * Python's hashlib as Django and passlib call it) adopted and verified, never by this code's
 * primitives: a test that used them to make its hashes could not fail.
 */
class ImportedHashesTest {

  private static final String PASSWORD = "lètmein correct horse";
  private static final Argon2PasswordHasher hasher =
      new Argon2PasswordHasher(new Argon2Settings(1024, 1, 1), 2);

  // Made with Python's hashlib exactly as Django 5 (pbkdf2_sha256, 870000 iterations;
  // pbkdf2_sha1; scrypt with N=2^14, r=8, p=5, 64 bytes) and passlib (adapted Base64) write them.
  private static final String DJANGO_PBKDF2_SHA256 = "pbkdf2_sha256$870000$seasaltDjango22chars00"
      + "$vw8Cz5ttW8SvCFx95wDE+JgjO6iet5yEvAguwPpg6+0=";
  private static final String DJANGO_PBKDF2_SHA1 =
      "pbkdf2_sha1$20000$seasaltDjango22chars00$oKJ5HfRPqfvtxTiQMbkzcHIIftk=";
  private static final String DJANGO_SCRYPT = "scrypt$seasaltDjango22chars00$16384$8$5$OfAOtNyd8k"
      + "y0odKp+2Ej6TF7MHvKx8nGAj6LVWdJoSAze89qE3b1RsrQdJoL3DFbG30Ez5Ee4MELuXNjm+93ZQ==";
  private static final String PASSLIB_PBKDF2_SHA256 = "$pbkdf2-sha256$29000$AQJzYWx0Ynl0ZXP//vs"
      + "$fuZq.ikWJ.fSEopha15SQbL09zY8ioIuH0Iq8tbya2M";

  @ParameterizedTest(name = "bcrypt {0}")
  @ValueSource(strings = {"$2a", "$2b", "$2y"})
  void springSecurityBcrypt_verifiesAndNeedsRehash(String prefix) {
    BCryptVersion version = switch (prefix) {
      case "$2a" -> BCryptVersion.$2A;
      case "$2b" -> BCryptVersion.$2B;
      default -> BCryptVersion.$2Y;
    };
    String made = new BCryptPasswordEncoder(version, 6).encode(PASSWORD);

    assertThat(made).startsWith(prefix + "$06$");
    assertVerifiesOnlyTheRightPassword(made);
  }

  @Test
  void springSecurityArgon2_ofOtherParameters_verifiesAndNeedsRehash() {
    String made = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);

    assertThat(made).startsWith("$argon2id$v=19$m=16384,t=2,p=1$");
    assertVerifiesOnlyTheRightPassword(made);
  }

  @Test
  void argon2i_verifiesAndNeedsRehash() {
    String made = new Argon2PasswordEncoder(16, 32, 1, 1024, 2).encode(PASSWORD)
        .replace("$argon2id$", "$argon2i$");
    // Spring writes Argon2id only; an argon2i string with its hash must fail to verify.
    PasswordHash adopted = hasher.adopt(made, "password_hash");

    assertThat(hasher.verify(new Password(PASSWORD), adopted)).isFalse();
    assertThat(hasher.needsRehash(adopted)).isTrue();
  }

  @ParameterizedTest(name = "Django {0}")
  @ValueSource(strings = {DJANGO_PBKDF2_SHA256, DJANGO_PBKDF2_SHA1, DJANGO_SCRYPT})
  void djangoHashes_areStoredCanonically_andVerify(String made) {
    PasswordHash adopted = assertVerifiesOnlyTheRightPassword(made);

    assertThat(adopted.value()).startsWith("$").doesNotContain("Django22");
  }

  @Test
  void djangoPbkdf2_isStoredInThePhcForm() {
    PasswordHash adopted = hasher.adopt(DJANGO_PBKDF2_SHA256, "password_hash");

    String salt = Base64.getEncoder().withoutPadding()
        .encodeToString("seasaltDjango22chars00".getBytes(StandardCharsets.US_ASCII));
    assertThat(adopted.value()).isEqualTo("$pbkdf2-sha256$i=870000$" + salt
        + "$vw8Cz5ttW8SvCFx95wDE+JgjO6iet5yEvAguwPpg6+0");
    assertThat(hasher.adopt(adopted.value(), "password_hash")).isEqualTo(adopted);
  }

  @Test
  void passlibPbkdf2_verifies() {
    assertVerifiesOnlyTheRightPassword(PASSLIB_PBKDF2_SHA256);
  }

  @DisplayName("PBKDF2 as the JDK computes it (Keycloak's provider) verifies for each digest")
  @ParameterizedTest(name = "{0}, {1} bits")
  @CsvSource({"sha1, 160", "sha256, 256", "sha256, 512", "sha512, 512"})
  void jdkPbkdf2_verifies(String digest, int bits) throws Exception {
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
    byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmac" + digest.toUpperCase())
        .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, 27_500, bits))
        .getEncoded();
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();

    assertVerifiesOnlyTheRightPassword("$pbkdf2-" + digest + "$i=27500$"
        + b64.encodeToString(salt) + "$" + b64.encodeToString(hash));
  }

  @Test
  void bcryptReadsTheFirst72Bytes_asItsMakersDid() {
    String longPassword = "x".repeat(72) + "ignored by bcrypt";
    String made = new BCryptPasswordEncoder(4).encode("x".repeat(72));
    PasswordHash adopted = hasher.adopt(made, "password_hash");

    assertThat(hasher.verify(new Password(longPassword), adopted)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "plaintext",
      "$1$md5crypt$abcdefghijklmnopqrstuv",
      "$2a$31$" + "abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyz01234",
      "pbkdf2_sha256$0$salt$vw8Cz5ttW8SvCFx95wDE+JgjO6iet5yEvAguwPpg6+0=",
      "pbkdf2_sha256$999999999$salt$vw8Cz5ttW8SvCFx95wDE+JgjO6iet5yEvAguwPpg6+0=",
      "pbkdf2_sha256$1000$salt$c2hvcnQ=",
      "scrypt$salt$1000$8$1$OfAOtNyd8ky0odKp+2Ej6TF7MHvKx8nGAj6LVWdJoSA=",
      "scrypt$salt$1048576$32$1$OfAOtNyd8ky0odKp+2Ej6TF7MHvKx8nGAj6LVWdJoSA=",
      "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"})
  void unsupportedOrUnboundedHashes_areRejectedNamingTheField(String text) {
    assertThatThrownBy(() -> hasher.adopt(text, "password_hash"))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.errors()).singleElement().satisfies(error -> {
              assertThat(error.field()).isEqualTo("password_hash");
              assertThat(error.message()).isNotBlank();
            }));
  }

  @Test
  void ourOwnHash_isAdoptedAsItIs_andNeedsNoRehash() {
    PasswordHash own = hasher.hash(new Password(PASSWORD));

    assertThat(hasher.adopt(own.value(), "password_hash")).isEqualTo(own);
    assertThat(hasher.needsRehash(own)).isFalse();
  }

  private static PasswordHash assertVerifiesOnlyTheRightPassword(String made) {
    PasswordHash adopted = hasher.adopt(made, "password_hash");

    assertThat(hasher.verify(new Password(PASSWORD), adopted)).isTrue();
    assertThat(hasher.verify(new Password(PASSWORD + "!"), adopted)).isFalse();
    assertThat(hasher.needsRehash(adopted)).isTrue();
    return adopted;
  }
}
