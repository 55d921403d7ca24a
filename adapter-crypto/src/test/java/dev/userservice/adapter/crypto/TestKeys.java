package dev.userservice.adapter.crypto;

import java.security.KeyPair;

/** RSA key pairs are slow to generate, so the tests share a few; P-256 ones beside them. */
final class TestKeys {

  static final KeyPair CURRENT = PemKeys.generate(2048);
  static final KeyPair PREVIOUS = PemKeys.generate(2048);
  static final KeyPair STRANGER = PemKeys.generate(2048);
  static final KeyPair EC_CURRENT = PemKeys.generateP256();
  static final KeyPair EC_STRANGER = PemKeys.generateP256();

  private TestKeys() {
  }
}
