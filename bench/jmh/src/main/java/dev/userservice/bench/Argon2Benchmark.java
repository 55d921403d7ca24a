package dev.userservice.bench;

import dev.userservice.adapter.crypto.Argon2PasswordHasher;
import dev.userservice.adapter.crypto.Argon2Settings;
import dev.userservice.domain.Password;
import dev.userservice.domain.PasswordHash;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hashing ceiling of login and registration: the project's own {@link Argon2PasswordHasher}
 * at the service's parameters, one benchmark thread per processor, so the figure is the most
 * hashes (or verifications) this machine can do per second with every core busy. {@code
 * implementation} {@code native} is what the service runs where libsodium loads; {@code java}
 * is Bouncy Castle's pure Java, its fallback ({@code -p implementation=native,java} compares).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(Threads.MAX)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class Argon2Benchmark {

  @Param("19456")
  public int memoryKib;

  @Param("2")
  public int iterations;

  @Param("1")
  public int parallelism;

  @Param("native")
  public String implementation;

  private Argon2PasswordHasher hasher;
  private Password password;
  private PasswordHash stored;

  @Setup
  public void setUp() {
    Argon2Settings settings = new Argon2Settings(memoryKib, iterations, parallelism);
    hasher = switch (implementation) {
      case "native" -> new Argon2PasswordHasher(settings);
      case "java" -> Argon2PasswordHasher.pureJava(settings);
      default -> throw new IllegalArgumentException("implementation: native or java");
    };
    if (implementation.equals("native") && !hasher.implementation().contains("libsodium")) {
      throw new IllegalStateException(hasher.implementation());
    }
    password = new Password("correct horse battery staple");
    stored = hasher.hash(password);
  }

  /** What registration and a password change pay. */
  @Benchmark
  public PasswordHash hash() {
    return hasher.hash(password);
  }

  /** What a login pays. */
  @Benchmark
  public boolean verify() {
    return hasher.verify(password, stored);
  }
}
