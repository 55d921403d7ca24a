package dev.userservice.domain;

/** A password hash in PHC string format ({@code $argon2id$v=19$m=...}). Never shown to anyone. */
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
