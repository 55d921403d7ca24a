package dev.userservice.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one-time password algorithm against RFC 6238's vectors and an independent HOTP. */
class TotpTest {

  private static final byte[] RFC_SECRET =
      "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "RFC 6238 Appendix B, SHA-1, T = {0}: {1}")
  @CsvSource({
      "59, 94287082",
      "1111111109, 07081804",
      "1111111111, 14050471",
      "1234567890, 89005924",
      "2000000000, 69279037",
      "20000000000, 65353130"})
  void rfc6238TestVectors(long unixTime, String expected) {
    long step = Totp.step(Instant.ofEpochSecond(unixTime));

    assertThat(Totp.hotp(RFC_SECRET, step, 8)).isEqualTo(expected);
    assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(unixTime)))
        .isEqualTo(expected.substring(2));
  }

  @Test
  void rfc4226TestVectors_hotpValuesForCounters0To9() {
    String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922",
        "162583", "399871", "520489"};
    for (int counter = 0; counter < expected.length; counter++) {
      assertThat(Totp.hotp(RFC_SECRET, counter, 6)).isEqualTo(expected[counter]);
    }
  }

  @Test
  void codes_matchAnIndependentImplementation_forRandomSecretsAndTimes() throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 200; i++) {
      byte[] secret = new byte[20];
      random.nextBytes(secret);
      Instant at = Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L));

      assertThat(Totp.code(secret, at)).isEqualTo(independentTotp(secret, at.getEpochSecond()));
    }
  }

  @Test
  void matchingStep_acceptsOneStepOfDriftEitherSide_andNothingFurther() throws Exception {
    byte[] secret = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233");
    Instant now = Instant.parse("2026-01-01T10:00:15Z");
    long step = Totp.step(now);

    for (int drift = -1; drift <= 1; drift++) {
      String code = independentTotp(secret, now.getEpochSecond() + drift * 30L);
      assertThat(Totp.matchingStep(secret, code, now)).hasValue(step + drift);
    }
    assertThat(Totp.matchingStep(secret, independentTotp(secret, now.getEpochSecond() - 60), now))
        .isEmpty();
    assertThat(Totp.matchingStep(secret, independentTotp(secret, now.getEpochSecond() + 60), now))
        .isEmpty();
    assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
    assertThat(Totp.matchingStep(secret, "12a456", now)).isEmpty();
    assertThat(Totp.matchingStep(secret, null, now)).isEmpty();
  }

  @Test
  void base32_isRfc4648WithoutPadding() {
    assertThat(Totp.base32("".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
    assertThat(Totp.base32("fo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXQ");
    assertThat(Totp.base32("foo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6");
    assertThat(Totp.base32("foob".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YQ");
    assertThat(Totp.base32("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTB");
    assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("MZXW6YTBOI");
  }

  @Test
  void keyUri_followsTheKeyUriFormat() {
    assertThat(Totp.keyUri("Acme Corp", "ada+1@example.com", RFC_SECRET)).isEqualTo(
        "otpauth://totp/Acme%20Corp:ada%2B1%40example.com?secret="
            + "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Corp&algorithm=SHA1&digits=6"
            + "&period=30");
  }

  /**
   * RFC 6238 written out again, independently of {@link Totp}: HMAC-SHA-1 over the big-endian
   * step counter, dynamic truncation, modulo 10^6.
   */
  static String independentTotp(byte[] secret, long unixSeconds)
      throws GeneralSecurityException {
    long counter = unixSeconds / 30;
    byte[] message = new byte[8];
    for (int i = 7; i >= 0; i--) {
      message[i] = (byte) counter;
      counter >>>= 8;
    }
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret, "RAW"));
    byte[] hash = mac.doFinal(message);
    int offset = hash[19] & 0xf;
    long value = ((long) (hash[offset] & 0x7f) << 24) + ((hash[offset + 1] & 0xff) << 16)
        + ((hash[offset + 2] & 0xff) << 8) + (hash[offset + 3] & 0xff);
    return String.format("%06d", value % 1_000_000);
  }
}
