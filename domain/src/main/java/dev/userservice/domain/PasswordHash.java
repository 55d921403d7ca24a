package dev.userservice.domain;

/**
 * A password hash in PHC string format ({@code $argon2id$v=19$m=...}), or another
 * {@code $}-prefixed form the hasher accepts for imported users (bcrypt, PBKDF2, scrypt). Never
 * shown to anyone.
 */
public record PasswordHash(String value) {

  public PasswordHash {
    if (value == null || !value.startsWith("$")) {
      throw new IllegalArgumentException("not a PHC string");
    }
  }

  @Override
  public String toString() {
    return "PasswordHash[***]";
  }
}
