package dev.userservice.application;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as every authenticator app computes them: RFC 6238 over RFC
 * 4226's HOTP with HMAC-SHA-1, 30-second steps from the Unix epoch, six digits; secrets shown in
 * RFC 4648 base32 inside a Key URI ({@code otpauth://totp/...}).
 */
final class Totp {

  static final int DIGITS = 6;
  static final long STEP_SECONDS = 30;
  /** Steps either side of now that are still accepted: a clock off by up to one step. */
  static final int DRIFT_STEPS = 1;

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
      10_000_000, 100_000_000};

  private Totp() {}

  /** The time step {@code at} falls in (RFC 6238 T, with T0 = 0 and X = 30 s). */
  static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The instant step {@code step} ends. */
  static Instant endOf(long step) {
    return Instant.ofEpochSecond((step + 1) * STEP_SECONDS);
  }

  /** The {@code digits}-digit HOTP value of {@code secret} at {@code counter} (RFC 4226 §5.3). */
  static String hotp(byte[] secret, long counter, int digits) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
    int offset = hash[hash.length - 1] & 0x0f;
    int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
        | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
    String code = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  /** The six-digit code of {@code secret} at {@code at}. */
  static String code(byte[] secret, Instant at) {
    return hotp(secret, step(at), DIGITS);
  }

  /**
   * The step within {@link #DRIFT_STEPS} of {@code now} whose code is {@code code}, if any. Every
   * candidate is computed and compared in constant time, so the answer's timing tells nothing.
   */
  static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
    if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    long current = step(now);
    OptionalLong found = OptionalLong.empty();
    byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
    for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
      byte[] expected = hotp(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, presented) && found.isEmpty()) {
        found = OptionalLong.of(step);
      }
    }
    return found;
  }

  /** {@code bytes} in RFC 4648 base32, without padding, as authenticator apps take it. */
  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /**
   * The Key URI that authenticator apps read from a QR code (Google Authenticator's Key Uri
   * Format): label {@code issuer:account}, and the parameters spelled out, defaults included.
   */
  static String keyUri(String issuer, String account, byte[] secret) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
