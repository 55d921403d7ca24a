package dev.userservice.domain.port;

/**
 * Authenticated encryption under the service's secret key (AES-GCM), for secrets kept at rest,
 * such as letters that carry codes while they wait in the outbox. Thread-safe.
 */
public interface SecretBox {

  /**
   * Encrypts {@code plaintext}, bound to {@code context} (not secret, not stored in the result;
   * the same context must be given to {@link #open}). Every call uses a fresh nonce, so sealing
   * the same text twice gives different results.
   */
  byte[] seal(byte[] plaintext, byte[] context);

  /**
   * Decrypts what {@link #seal} produced with the same key and context.
   *
   * @throws IllegalArgumentException when {@code sealed} was altered, sealed under another key
   *     or another context, or is not a sealed value at all
   */
  byte[] open(byte[] sealed, byte[] context);
}
