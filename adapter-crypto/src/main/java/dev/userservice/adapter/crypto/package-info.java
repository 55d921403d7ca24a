/**
 * Crypto adapters: Argon2id password hashing, RS256 or ES256 access tokens (as the signing key's
 * type decides) with their JWKS, the server secret's derived keys (code hashes, sealed letters),
 * the common-password blocklist, secure randomness, and optionally AWS-LC as the JVM's provider.
 */
package dev.userservice.adapter.crypto;
