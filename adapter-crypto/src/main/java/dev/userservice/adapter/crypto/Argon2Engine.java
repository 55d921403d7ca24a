package dev.userservice.adapter.crypto;

/**
 * One implementation of Argon2 (RFC 9106): the raw output for given inputs and parameters. Types
 * and versions are Bouncy Castle's {@code Argon2Parameters} constants. Every implementation gives
 * the same bytes for the same inputs (ImplementationsTest cross-checks them), so a PHC string
 * written through one verifies through the other.
 */
interface Argon2Engine {

  /**
   * Argon2 of {@code secret} (at least one byte: a password is never empty) and {@code salt}:
   * {@code length} bytes.
   */
  byte[] derive(byte[] secret, byte[] salt, int type, int version, int memoryKib,
      int iterations, int parallelism, int length);

  /** Which implementation this is, for the start-up log. */
  String describe();
}
