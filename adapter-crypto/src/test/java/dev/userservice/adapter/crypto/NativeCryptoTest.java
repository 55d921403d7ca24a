package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.AccessTokens.Claims;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Security;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Installing is for the whole JVM, so the other tests in this module may run with or without it;
// either must pass, and this class checks that both providers make the same tokens.
class NativeCryptoTest {

  private static final String JDK = "SunRsaSign";
  private static NativeCrypto.Installed installed;

  @BeforeAll
  static void install() {
    installed = NativeCrypto.install();
  }

  @ParameterizedTest
  @EnumSource(SigningKeys.JwsAlgorithm.class)
  void onLinuxX86_awsLcSignsEitherAlgorithm_andTheLogLineNamesIt(
      SigningKeys.JwsAlgorithm algorithm) {
    // The machines this service is built, tested and deployed on; elsewhere the JDK signs.
    boolean linuxX86 = System.getProperty("os.name").equals("Linux")
        && System.getProperty("os.arch").equals("amd64");
    String signer = NativeCrypto.signingProvider(algorithm);

    if (linuxX86) {
      assertThat(signer).startsWith("AmazonCorrettoCryptoProvider");
      assertThat(installed.describe(algorithm))
          .isEqualTo(algorithm.name() + " signing by " + signer);
    } else {
      assertThat(installed.describe(algorithm)).contains("the native provider did not load");
    }
  }

  @Test
  void aKeyReadAfterInstalling_isTheSigningProvidersOwn(@TempDir Path dir) throws Exception {
    // Else that provider converts the key again for every signature.
    assertReadKeyIsTheSigningProvidersOwn(TestKeys.CURRENT, "RSA", "SHA256withRSA", dir);
  }

  @Test
  void anEcKeyReadAfterInstalling_isTheSigningProvidersOwn(@TempDir Path dir) throws Exception {
    assertReadKeyIsTheSigningProvidersOwn(TestKeys.EC_CURRENT, "EC", "SHA256withECDSA", dir);
  }

  private static void assertReadKeyIsTheSigningProvidersOwn(KeyPair pair, String keyType,
      String signatureAlgorithm, Path dir) throws Exception {
    Path file = dir.resolve("key.pem");
    PemKeys.writePrivateKey(pair.getPrivate(), file);

    PrivateKey read = PemKeys.readPrivateKey(file).getPrivate();

    Signature signer = Signature.getInstance(signatureAlgorithm);
    assertThat(KeyFactory.getInstance(keyType).getProvider()).isEqualTo(signer.getProvider());
    assertThat(KeyFactory.getInstance(keyType).translateKey(read)).isSameAs(read);
  }

  @Test
  void installingTwice_changesNothing() {
    String before = NativeCrypto.signingProvider(SigningKeys.JwsAlgorithm.RS256);

    assertThat(NativeCrypto.install()).isEqualTo(installed);
    assertThat(NativeCrypto.signingProvider(SigningKeys.JwsAlgorithm.RS256)).isEqualTo(before);
  }

  @Test
  void bothProviders_makeTheSameSignature() throws Exception {
    KeyPair pair = PemKeys.generate(2048);
    byte[] content = "header.payload".getBytes(StandardCharsets.US_ASCII);

    byte[] preferred = sign(Signature.getInstance("SHA256withRSA"), pair, content);
    byte[] jdk = sign(Signature.getInstance("SHA256withRSA", Security.getProvider(JDK)), pair,
        content);

    assertThat(preferred).isEqualTo(jdk);
  }

  @Test
  void aTokenSignedHere_verifiesWithTheJdkAlone() throws Exception {
    KeyPair pair = TestKeys.CURRENT;
    String token = tokenSignedBy(pair);

    int lastDot = token.lastIndexOf('.');
    Signature jdk = Signature.getInstance("SHA256withRSA", Security.getProvider(JDK));
    jdk.initVerify(pair.getPublic());
    jdk.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    assertThat(jdk.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)))).isTrue();
  }

  @Test
  void anEs256TokenSignedHere_verifiesWithTheJdkAlone() throws Exception {
    KeyPair pair = TestKeys.EC_CURRENT;
    String token = tokenSignedBy(pair);

    // The JDK's P1363 form is JOSE's r || s.
    int lastDot = token.lastIndexOf('.');
    Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format",
        Security.getProvider("SunEC"));
    jdk.initVerify(pair.getPublic());
    jdk.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    assertThat(jdk.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)))).isTrue();
  }

  private static byte[] sign(Signature signature, KeyPair pair, byte[] content)
      throws Exception {
    signature.initSign(pair.getPrivate());
    signature.update(content);
    return signature.sign();
  }

  private static String tokenSignedBy(KeyPair pair) {
    Claims claims = new Claims(new UserId(UUID.randomUUID()),
        new SessionId("AbCdEfGhIjKlMnOpQrStUv"), Role.USER, true);
    return new JwtAccessTokens(SigningKeys.of(pair), AccessTokenSettings.defaults())
        .issue(claims, Instant.now()).token();
  }
}
