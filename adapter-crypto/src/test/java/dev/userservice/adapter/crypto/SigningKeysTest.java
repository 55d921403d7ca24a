package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

  @Test
  void thumbprint_matchesTheExampleOfRfc7638() throws Exception {
    // RFC 7638, section 3.1.
    String n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc"
        + "_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0"
        + "_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhA"
        + "I4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
        new RSAPublicKeySpec(new BigInteger(1, Base64.getUrlDecoder().decode(n)),
            BigInteger.valueOf(65537)));

    assertThat(SigningKeys.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  @Test
  void signingKey_comesFirst_andACopyOfItAmongThePreviousKeysIsIgnored() {
    RSAPublicKey current = (RSAPublicKey) TestKeys.CURRENT.getPublic();
    RSAPublicKey previous = (RSAPublicKey) TestKeys.PREVIOUS.getPublic();

    SigningKeys keys = new SigningKeys(TestKeys.CURRENT, List.of(previous, current, previous));

    assertThat(keys.signingKid()).isEqualTo(SigningKeys.thumbprint(current));
    assertThat(keys.verificationKeys().keySet())
        .containsExactly(SigningKeys.thumbprint(current), SigningKeys.thumbprint(previous));
  }

  @Test
  void unsignedBase64Url_dropsTheSignByte() {
    BigInteger highBitSet = new BigInteger("ff01", 16);

    assertThat(highBitSet.toByteArray()).hasSize(3);
    assertThat(SigningKeys.unsignedBase64Url(highBitSet)).isEqualTo("_wE");
    assertThat(SigningKeys.unsignedBase64Url(BigInteger.valueOf(65537))).isEqualTo("AQAB");
  }

  @Test
  void coordinateBase64Url_isAlwaysThe32BytesOfRfc7518() {
    assertThat(Base64.getUrlDecoder().decode(SigningKeys.coordinateBase64Url(BigInteger.ONE)))
        .hasSize(32).endsWith(1).startsWith(0, 0, 0);
    BigInteger highBitSet = BigInteger.ONE.shiftLeft(255);
    assertThat(highBitSet.toByteArray()).hasSize(33);
    assertThat(Base64.getUrlDecoder().decode(SigningKeys.coordinateBase64Url(highBitSet)))
        .hasSize(32).startsWith(0x80 - 256);
  }

  @Test
  void ecThumbprint_andJwk_matchAnotherImplementation_evenWhenACoordinateIsShort()
      throws Exception {
    // About one key in 128 has an x or y below 2^248, which RFC 7518 still writes as 32 bytes.
    KeyPair shortCoordinate = TestKeys.EC_CURRENT;
    while (bytesOf(shortCoordinate) == 32) {
      shortCoordinate = PemKeys.generateP256();
    }
    for (KeyPair pair : List.of(TestKeys.EC_CURRENT, shortCoordinate)) {
      ECPublicKey key = (ECPublicKey) pair.getPublic();
      ECKey theirs = new ECKey.Builder(Curve.P_256, key).build();
      Map<String, Object> ours = SigningKeys.of(pair).jwks().get(0);

      assertThat(SigningKeys.thumbprint(key)).isEqualTo(theirs.computeThumbprint().toString());
      assertThat(List.copyOf(ours.keySet()))
          .containsExactly("kty", "use", "alg", "kid", "crv", "x", "y");
      assertThat(ours).containsEntry("kty", "EC").containsEntry("use", "sig")
          .containsEntry("alg", "ES256").containsEntry("crv", "P-256")
          .containsEntry("kid", SigningKeys.thumbprint(key))
          .containsEntry("x", theirs.getX().toString())
          .containsEntry("y", theirs.getY().toString());
      ECKey parsed = JWK.parse(ours).toECKey();
      assertThat(parsed.toECPublicKey().getW()).isEqualTo(key.getW());
      assertThat(parsed.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
    }
  }

  @Test
  void rsaThumbprint_matchesAnotherImplementation() throws Exception {
    RSAPublicKey key = (RSAPublicKey) TestKeys.CURRENT.getPublic();

    assertThat(SigningKeys.thumbprint(key))
        .isEqualTo(new RSAKey.Builder(key).build().computeThumbprint().toString());
  }

  @Test
  void jwks_publishesRsaAndEcKeysMixed_theSigningKeyFirst() {
    SigningKeys keys = new SigningKeys(TestKeys.EC_CURRENT,
        List.of(TestKeys.CURRENT.getPublic(), TestKeys.EC_STRANGER.getPublic()));

    assertThat(keys.jwks()).extracting(jwk -> jwk.get("kid"), jwk -> jwk.get("alg"))
        .containsExactly(
            tuple(keys.signingKid(), "ES256"),
            tuple(
                SigningKeys.thumbprint(TestKeys.CURRENT.getPublic()), "RS256"),
            tuple(
                SigningKeys.thumbprint(TestKeys.EC_STRANGER.getPublic()), "ES256"));
    assertThat(List.copyOf(keys.jwks().get(1).keySet()))
        .containsExactly("kty", "use", "alg", "kid", "n", "e");
  }

  @Test
  void theKeysTypeDecidesTheAlgorithm() {
    assertThat(SigningKeys.of(TestKeys.CURRENT).algorithm())
        .isEqualTo(SigningKeys.JwsAlgorithm.RS256);
    assertThat(SigningKeys.of(TestKeys.EC_CURRENT).algorithm())
        .isEqualTo(SigningKeys.JwsAlgorithm.ES256);
  }

  @Test
  void anEcKeyOnAnotherCurve_isRefused_asSigningOrPreviousKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = generator.generateKeyPair();

    assertThatThrownBy(() -> SigningKeys.of(p384))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P-256").hasMessageContaining("secp384r1");
    assertThatThrownBy(() -> new SigningKeys(TestKeys.EC_CURRENT, List.of(p384.getPublic())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp384r1");
  }

  @Test
  void aKeyPairOfMixedTypes_isRefused() {
    KeyPair mixed = new KeyPair(TestKeys.EC_CURRENT.getPublic(), TestKeys.CURRENT.getPrivate());
    KeyPair otherEc = new KeyPair(TestKeys.EC_CURRENT.getPublic(),
        TestKeys.EC_STRANGER.getPrivate());

    assertThatThrownBy(() -> SigningKeys.of(mixed))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not match");
    assertThatThrownBy(() -> SigningKeys.of(otherEc))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not match");
  }

  /** The fewest bytes that hold the shorter of the key's two coordinates. */
  private static int bytesOf(KeyPair pair) {
    ECPublicKey key = (ECPublicKey) pair.getPublic();
    int bits = Math.min(key.getW().getAffineX().bitLength(), key.getW().getAffineY().bitLength());
    return (bits + 7) / 8;
  }
}
