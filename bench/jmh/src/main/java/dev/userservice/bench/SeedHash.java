package dev.userservice.bench;

import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.domain.Password;
import java.io.PrintStream;

/**
 * Prints one Argon2id PHC string for a password, made by the project's hasher at the given cost,
 * so seeded users verify exactly like registered ones. Usage:
 * {@code SeedHash <password> <memoryKib> <iterations> <parallelism>}.
 */
public final class SeedHash {

  private SeedHash() {}

  public static void main(String[] args) {
    Argon2PasswordHasher hasher = new Argon2PasswordHasher(new Argon2Settings(
        Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3])));
    PrintStream out = System.out;
    out.println(hasher.hash(new Password(args[0])).value());
  }
}
