package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RsaKeysTest {

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

    assertThat(RsaKeys.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  @Test
  void signingKey_comesFirst_andACopyOfItAmongThePreviousKeysIsIgnored() {
    RSAPublicKey current = (RSAPublicKey) TestKeys.CURRENT.getPublic();
    RSAPublicKey previous = (RSAPublicKey) TestKeys.PREVIOUS.getPublic();

    RsaKeys keys = new RsaKeys(TestKeys.CURRENT, List.of(previous, current, previous));

    assertThat(keys.signingKid()).isEqualTo(RsaKeys.thumbprint(current));
    assertThat(keys.verificationKeys().keySet())
        .containsExactly(RsaKeys.thumbprint(current), RsaKeys.thumbprint(previous));
  }

  @Test
  void unsignedBase64Url_dropsTheSignByte() {
    BigInteger highBitSet = new BigInteger("ff01", 16);

    assertThat(highBitSet.toByteArray()).hasSize(3);
    assertThat(RsaKeys.unsignedBase64Url(highBitSet)).isEqualTo("_wE");
    assertThat(RsaKeys.unsignedBase64Url(BigInteger.valueOf(65537))).isEqualTo("AQAB");
  }
}
