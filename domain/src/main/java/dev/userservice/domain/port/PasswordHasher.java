package dev.userservice.domain.port;

import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;

/**
 * Slow, salted password hashing. Implementations bound how many hashes run at once (each may
 * cost tens of MiB), so callers may wait but memory cannot be exhausted by load.
 */
public interface PasswordHasher {

  /** A new salted hash of {@code password} with the current parameters. */
  PasswordHash hash(Password password);

  /** Whether {@code password} matches {@code hash}, in time independent of where they differ. */
  boolean verify(Password password, PasswordHash hash);

  /** Whether {@code hash} was made with other parameters than the current ones. */
  boolean needsRehash(PasswordHash hash);

  /**
   * Spends the same work as {@link #verify} and always fails: used for unknown accounts so that
   * timing does not reveal whether an email is registered.
   */
  void verifyNothing(Password password);
}
