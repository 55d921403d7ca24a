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
   * The stored form of {@code hash}, a password hash made by another system, so that users
   * imported with it can log in with their passwords; {@link #needsRehash} then answers true,
   * and the first successful login replaces it with a hash of the current kind.
   *
   * @throws dev.userservice.domain.InvalidInputException naming {@code field} with the reason,
   *     for a format the hasher does not support or parameters beyond its bounds
   */
  PasswordHash adopt(String hash, String field);

  /**
   * Spends the same work as {@link #verify} and always fails: used for unknown accounts so that
   * timing does not reveal whether an email is registered.
   */
  void verifyNothing(Password password);
}
