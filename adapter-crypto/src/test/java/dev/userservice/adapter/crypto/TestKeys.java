package dev.userservice.adapter.crypto;

import java.security.KeyPair;

/** RSA key pairs are slow to generate, so the tests share a few. */
final class TestKeys {

  static final KeyPair CURRENT = PemKeys.generate(2048);
  static final KeyPair PREVIOUS = PemKeys.generate(2048);
  static final KeyPair STRANGER = PemKeys.generate(2048);

  private TestKeys() {
  }
}
