package dev.userservice.application;

import dev.userservice.domain.InvalidInputException;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.Sha256;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.RandomSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An opaque refresh token: {@code <user>.<session>.<generation>.<secret>}, the secret being 256
 * random bits. The store keeps only {@link #hash()}. The user and session parts let the store find
 * the session in one step; the generation tells a replayed old token from a forged one.
 *
 * <p>To let racing refreshes of one token receive the same successor without storing it in clear,
 * the successor is {@link #seal sealed} with a key only the presented token can derive.
 */
record RefreshToken(UserId user, SessionId session, long generation, String secret) {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final int SECRET_BYTES = 32;
  private static final int IV_BYTES = 12;
  // Every refresh seals its successor, and looking the cipher up among the providers each time
  // showed in its profile (docs/performance.md, "A cipher per thread for sealing"). A cipher is
  // re-initialised with a fresh key and IV before each use, so one per thread is safe.
  private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  });

  static RefreshToken first(UserId user, SessionId session, RandomSource random) {
    return new RefreshToken(user, session, 0, BASE64URL.encodeToString(random.bytes(SECRET_BYTES)));
  }

  static SessionId newSessionId(RandomSource random) {
    return new SessionId(BASE64URL.encodeToString(random.bytes(16)));
  }

  /**
   * Refuses a missing token as invalid input, as the client sent no field; a present but
   * malformed one is left to {@link #parse}, an authentication failure like any wrong token.
   */
  static void requirePresent(String text) {
    if (text == null || text.isBlank()) {
      throw InvalidInputException.of("refresh_token", "is required");
    }
  }

  /** Parses a presented token; anything malformed is simply not a valid token. */
  static RefreshToken parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("\\.", -1);
    if (parts.length != 4 || parts[0].length() != 36 || !SessionId.isWellFormed(parts[1])
        || !SECRET.matcher(parts[3]).matches() || parts[2].isEmpty() || parts[2].length() > 18
        || !parts[2].chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid();
    }
    try {
      return new RefreshToken(new UserId(UUID.fromString(parts[0])), new SessionId(parts[1]),
          Long.parseLong(parts[2]), parts[3]);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  RefreshToken successor(RandomSource random) {
    return new RefreshToken(user, session, generation + 1,
        BASE64URL.encodeToString(random.bytes(SECRET_BYTES)));
  }

  String format() {
    return user + "." + session + "." + generation + "." + secret;
  }

  /** SHA-256 of the secret, hex: the only form the store ever sees. */
  String hash() {
    return Sha256.hex("refresh-token|" + secret);
  }

  /** Encrypts {@code plaintext} (AES-GCM) under a key derived from this token's secret. */
  byte[] seal(String plaintext, RandomSource random) {
    byte[] iv = random.bytes(IV_BYTES);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /** Decrypts what {@link #seal} made with the same token; a foreign blob is an invalid token. */
  String unseal(byte[] sealed) {
    if (sealed.length <= IV_BYTES) {
      throw invalid();
    }
    try {
      byte[] iv = java.util.Arrays.copyOf(sealed, IV_BYTES);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, iv);
      byte[] plain = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw invalid();
    }
  }

  private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
    Cipher cipher = AES_GCM.get();
    cipher.init(mode, new SecretKeySpec(Sha256.digest("seal|" + secret), "AES"),
        new GCMParameterSpec(128, iv));
    return cipher;
  }

  static UnauthenticatedException invalid() {
    return new UnauthenticatedException("invalid or expired refresh token");
  }

  @Override
  public String toString() {
    return "RefreshToken[session=" + session + ", generation=" + generation + "]";
  }
}
