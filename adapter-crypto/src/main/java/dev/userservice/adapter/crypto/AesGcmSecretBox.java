package dev.userservice.adapter.crypto;

import dev.userservice.domain.port.SecretBox;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link SecretBox} as AES-256-GCM under a key {@link ServerSecret} derived. A sealed value is
 * a version byte, a random 96-bit nonce and the ciphertext with its 128-bit tag; the context is
 * the associated data. Random nonces stay safe for far more values than one key seals here
 * (NIST SP 800-38D allows 2^32 per key).
 */
final class AesGcmSecretBox implements SecretBox {

  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String AES_GCM = "AES/GCM/NoPadding";

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  AesGcmSecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  @Override
  public byte[] seal(byte[] plaintext, byte[] context) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(AES_GCM);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context);
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + AES_GCM, e);
    }
  }

  @Override
  public byte[] open(byte[] sealed, byte[] context) {
    if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new IllegalArgumentException("not a sealed value");
    }
    try {
      Cipher cipher = Cipher.getInstance(AES_GCM);
      cipher.init(Cipher.DECRYPT_MODE, key,
          new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      cipher.updateAAD(context);
      return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (BadPaddingException e) {
      throw new IllegalArgumentException(
          "the sealed value was altered, or sealed under another key or context", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + AES_GCM, e);
    }
  }

  @Override
  public String toString() {
    return "AesGcmSecretBox[***]";
  }
}
