package dev.userservice.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 digest of text (its UTF-8 bytes), for the fingerprints and keys the modules derive:
 * a refresh token's stored form, Redis key parts, a JWK thumbprint, an advisory-lock key. It
 * lives in the domain because every module may depend on the domain and on nothing else they
 * share. An unkeyed digest of a short or guessable secret (a code, a password) can be reversed by
 * trying every value: those go through {@link dev.userservice.domain.port.KeyedHasher}.
 */
public final class Sha256 {

  private static final HexFormat HEX = HexFormat.of();

  private Sha256() {}

  /** The 32-byte SHA-256 digest of {@code text}'s UTF-8 bytes. */
  public static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** {@link #digest} as 64 lower-case hex digits. */
  public static String hex(String text) {
    return HEX.formatHex(digest(text));
  }
}
