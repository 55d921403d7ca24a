package dev.userservice.domain.port;

/**
 * One-way hashes under the service's secret key (HMAC-SHA-256), for short secrets such as the
 * six-digit codes: a plain hash of one of a million values is reversed by trying them all,
 * a keyed one cannot be computed, so not reversed, without the key. Thread-safe.
 */
public interface KeyedHasher {

  /**
   * The keyed hash of {@code message}, lower-case hex. Equal messages give equal hashes for as
   * long as the key stays the same, on every instance that shares it.
   */
  String hash(String message);
}
