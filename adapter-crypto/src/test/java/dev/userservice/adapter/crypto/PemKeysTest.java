package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class PemKeysTest {

  @TempDir
  Path dir;

  @Test
  void writtenPrivateKey_readsBack_withItsPublicKey() {
    Path file = dir.resolve("keys/signing.pem");

    PemKeys.writePrivateKey(TestKeys.CURRENT.getPrivate(), file);
    KeyPair read = PemKeys.readPrivateKey(file);

    assertThat(read.getPrivate().getEncoded()).isEqualTo(TestKeys.CURRENT.getPrivate().getEncoded());
    assertThat(read.getPublic()).isEqualTo(TestKeys.CURRENT.getPublic());
  }

  @Test
  void writtenPrivateKey_isReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("signing.pem");

    PemKeys.writePrivateKey(TestKeys.CURRENT.getPrivate(), file);

    assertThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file))
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
  }

  @Test
  void existingKeyFile_isNeverOverwritten() throws Exception {
    Path file = dir.resolve("signing.pem");
    PemKeys.writePrivateKey(TestKeys.CURRENT.getPrivate(), file);
    String before = Files.readString(file);

    assertThatThrownBy(() -> PemKeys.writePrivateKey(TestKeys.PREVIOUS.getPrivate(), file))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining(file.toString());
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void fileOfSeveralPublicKeys_readsEveryOne() throws Exception {
    Path file = dir.resolve("previous.pem");
    Files.writeString(file, "keys retired in 2024\n"
        + PemKeys.publicKeyPem(TestKeys.PREVIOUS.getPublic())
        + "\n"
        + PemKeys.publicKeyPem(TestKeys.STRANGER.getPublic()));

    assertThat(PemKeys.readPublicKeys(file))
        .containsExactly(TestKeys.PREVIOUS.getPublic(), TestKeys.STRANGER.getPublic());
  }

  @Test
  void keysWrittenByOpenssl_areRead_andKnownByTheirRfc7638Thumbprint() throws Exception {
    // Made with 'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048' and
    // 'openssl pkey -pubout'; the thumbprint was computed independently in Python.
    KeyPair pair = PemKeys.readPrivateKey(resource("openssl-test-only-private.pem"));
    List<PublicKey> published = PemKeys.readPublicKeys(resource("openssl-test-only-public.pem"));

    assertThat(published).containsExactly(pair.getPublic());
    assertThat(SigningKeys.thumbprint(published.get(0)))
        .isEqualTo("gntpzBgI0jl9fNgvbzF-OLKcsJ9b1s4L1-IxUBvy3X0");
  }

  @Test
  void ecKeysWrittenByOpenssl_areRead_andKnownByTheirRfc7638Thumbprint() throws Exception {
    // Made with 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256' and
    // 'openssl pkey -pubout'; the thumbprint was computed independently in Python from the
    // point 'openssl ec -pubin -text' prints.
    KeyPair pair = PemKeys.readPrivateKey(resource("openssl-test-only-p256-private.pem"));
    List<PublicKey> published = PemKeys.readPublicKeys(resource("openssl-test-only-p256-public.pem"));

    assertThat(published).containsExactly(pair.getPublic());
    assertThat(SigningKeys.thumbprint(published.get(0)))
        .isEqualTo("JD-3AFx4lcL4WipduecSk7edrDVGduDO58a2QWyeXyI");
    assertThat(SigningKeys.of(pair).algorithm()).isEqualTo(SigningKeys.JwsAlgorithm.ES256);
  }

  @Test
  void ecPrivateKeyWithoutItsPublicPoint_derivesIt() throws Exception {
    // The same key through 'openssl ec -no_public | openssl pkcs8 -topk8 -nocrypt'.
    KeyPair derived = PemKeys.readPrivateKey(resource("openssl-test-only-p256-no-public.pem"));
    KeyPair full = PemKeys.readPrivateKey(resource("openssl-test-only-p256-private.pem"));

    assertThat(derived.getPublic()).isEqualTo(full.getPublic());
    assertThat(((ECPrivateKey) derived.getPrivate()).getS())
        .isEqualTo(((ECPrivateKey) full.getPrivate()).getS());
  }

  @Test
  void generatedEcKey_writesAndReadsBack() {
    Path file = dir.resolve("ec.pem");
    KeyPair pair = PemKeys.generateP256();

    PemKeys.writePrivateKey(pair.getPrivate(), file);

    assertThat(PemKeys.readPrivateKey(file).getPublic()).isEqualTo(pair.getPublic());
  }

  @Test
  void fileOfRsaAndEcPublicKeysMixed_readsEveryOne() throws Exception {
    Path file = dir.resolve("previous.pem");
    Files.writeString(file, PemKeys.publicKeyPem(TestKeys.PREVIOUS.getPublic())
        + PemKeys.publicKeyPem(TestKeys.EC_CURRENT.getPublic()));

    assertThat(PemKeys.readPublicKeys(file))
        .containsExactly(TestKeys.PREVIOUS.getPublic(), TestKeys.EC_CURRENT.getPublic());
  }

  @Test
  void pkcs1PrivateKey_isRefused_withAHintHowToConvertIt() throws Exception {
    Path pkcs1 = resource("openssl-test-only-pkcs1.pem");

    assertThatThrownBy(() -> PemKeys.readPrivateKey(pkcs1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(pkcs1.toString())
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void sec1EcPrivateKey_isRefused_withAHintHowToConvertIt() throws Exception {
    // 'openssl ec' (and 'openssl ecparam -genkey') write SEC1, 'BEGIN EC PRIVATE KEY'.
    Path sec1 = resource("openssl-test-only-p256-sec1.pem");

    assertThatThrownBy(() -> PemKeys.readPrivateKey(sec1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(sec1.toString())
        .hasMessageContaining("EC PRIVATE KEY")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @ParameterizedTest
  @CsvSource({
      "openssl-test-only-p384-private.pem, secp384r1",
      "openssl-test-only-secp256k1-private.pem, secp256k1",
      "openssl-test-only-rsa1024-private.pem, at least 2048 bits",
      "openssl-test-only-ed25519-private.pem, RSA (RS256) or EC P-256 (ES256)"})
  void keysThatMayNotSign_areRefusedAtLoad_namingTheFileAndTheRule(String name, String rule)
      throws Exception {
    // 'openssl genpkey' with ec_paramgen_curve:P-384, ec_paramgen_curve:secp256k1,
    // rsa_keygen_bits:1024 and -algorithm ed25519.
    Path key = resource(name);
    Path previous = dir.resolve("previous.pem");
    Files.writeString(previous, PemKeys.publicKeyPem(TestKeys.CURRENT.getPublic()));

    assertThatThrownBy(() -> SigningKeys.load(key, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key.toString()).hasMessageContaining(rule);
    assertThatThrownBy(() -> SigningKeys.load(key, previous))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key.toString()).hasMessageContaining(rule);
  }

  @Test
  void previousKeyThatMayNotVerify_isRefusedAtLoad_namingItsFile() throws Exception {
    Path signing = resource("openssl-test-only-p256-private.pem");
    Path previous = dir.resolve("previous.pem");
    Files.writeString(previous, PemKeys.publicKeyPem(TestKeys.CURRENT.getPublic())
        + PemKeys.publicKeyPem(PemKeys.readPrivateKey(
            resource("openssl-test-only-p384-private.pem")).getPublic()));

    assertThatThrownBy(() -> SigningKeys.load(signing, previous))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(previous.toString()).hasMessageContaining("secp384r1");
  }

  @Test
  void fileWithoutTheExpectedBlock_isRefused_namingTheFile() throws Exception {
    Path file = dir.resolve("not-a-key.pem");
    Files.writeString(file, "hello\n");
    Path publicOnly = resource("openssl-test-only-public.pem");

    assertThatThrownBy(() -> PemKeys.readPrivateKey(file))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString());
    assertThatThrownBy(() -> PemKeys.readPublicKeys(file))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString());
    assertThatThrownBy(() -> PemKeys.readPrivateKey(publicOnly))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(publicOnly.toString());
    assertThatThrownBy(() -> PemKeys.readPrivateKey(dir.resolve("missing.pem")))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.pem");
  }

  @Test
  void loadedKeys_signWithTheFileKey_andAcceptThePreviousOnes() throws Exception {
    Path signing = dir.resolve("signing.pem");
    Path previous = dir.resolve("previous.pem");
    PemKeys.writePrivateKey(TestKeys.CURRENT.getPrivate(), signing);
    Files.writeString(previous, PemKeys.publicKeyPem(TestKeys.PREVIOUS.getPublic()));

    SigningKeys keys = SigningKeys.load(signing, previous);
    SigningKeys alone = SigningKeys.load(signing, null);

    String current = SigningKeys.thumbprint((RSAPublicKey) TestKeys.CURRENT.getPublic());
    assertThat(keys.signingKid()).isEqualTo(current);
    assertThat(keys.verificationKeys().keySet()).containsExactly(
        current, SigningKeys.thumbprint((RSAPublicKey) TestKeys.PREVIOUS.getPublic()));
    assertThat(alone.verificationKeys().keySet()).containsExactly(current);
  }

  @Test
  void generatedKeyPair_hasTheRequestedSize() {
    KeyPair pair = PemKeys.generate(3072);

    assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(3072);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PemKeysTest.class.getResource("/keys/" + name).toURI());
  }
}
