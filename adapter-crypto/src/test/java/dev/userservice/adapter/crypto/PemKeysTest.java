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
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        .containsExactly((RSAPublicKey) TestKeys.PREVIOUS.getPublic(),
            (RSAPublicKey) TestKeys.STRANGER.getPublic());
  }

  @Test
  void keysWrittenByOpenssl_areRead_andKnownByTheirRfc7638Thumbprint() throws Exception {
    // Made with 'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048' and
    // 'openssl pkey -pubout'; the thumbprint was computed independently in Python.
    KeyPair pair = PemKeys.readPrivateKey(resource("openssl-test-only-private.pem"));
    List<RSAPublicKey> published = PemKeys.readPublicKeys(resource("openssl-test-only-public.pem"));

    assertThat(published).containsExactly((RSAPublicKey) pair.getPublic());
    assertThat(RsaKeys.thumbprint(published.get(0)))
        .isEqualTo("gntpzBgI0jl9fNgvbzF-OLKcsJ9b1s4L1-IxUBvy3X0");
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

    RsaKeys keys = RsaKeys.load(signing, previous);
    RsaKeys alone = RsaKeys.load(signing, null);

    String current = RsaKeys.thumbprint((RSAPublicKey) TestKeys.CURRENT.getPublic());
    assertThat(keys.signingKid()).isEqualTo(current);
    assertThat(keys.verificationKeys().keySet()).containsExactly(
        current, RsaKeys.thumbprint((RSAPublicKey) TestKeys.PREVIOUS.getPublic()));
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
