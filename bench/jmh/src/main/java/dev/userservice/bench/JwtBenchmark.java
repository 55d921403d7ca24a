package dev.userservice.bench;

import dev.userservice.adapter.crypto.AccessTokenSettings;
import dev.userservice.adapter.crypto.JwtAccessTokens;
import dev.userservice.adapter.crypto.NativeCrypto;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.SigningKeys;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.AccessTokens;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The token ceilings: the project's own {@link JwtAccessTokens} issuing (sign, paid by every login
 * and refresh) and verifying, one benchmark thread per processor, for the algorithm the
 * {@code algorithm} parameter names: RS256 with a 2048-bit RSA key, or ES256 with a P-256 key (the
 * service signs with whichever its key is; bench/run.sh passes its {@code BENCH_JWT_ALG}).
 * Verifying is measured twice: a token seen for the first time (the signature is checked) and one
 * seen before (remembered, only its expiry is checked), which is what most authenticated requests
 * pay. The signing provider is the service's: AWS-LC where {@link NativeCrypto} installs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(Threads.MAX)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 3)
public class JwtBenchmark {

  /** The JWS algorithm measured: {@code -p algorithm=ES256} for the other one. */
  @Param({"RS256"})
  public String algorithm;

  private SigningKeys keys;
  private JwtAccessTokens tokens;
  private AccessTokens.Claims claims;
  private String token;
  private Instant now;

  @Setup
  public void setUp() {
    NativeCrypto.Installed installed = NativeCrypto.install();
    keys = SigningKeys.of(switch (SigningKeys.JwsAlgorithm.valueOf(algorithm)) {
      case RS256 -> PemKeys.generate(2048);
      case ES256 -> PemKeys.generateP256();
    });
    System.out.println(installed.describe(keys.algorithm()));
    tokens = new JwtAccessTokens(keys, AccessTokenSettings.defaults());
    claims = new AccessTokens.Claims(new UserId(UUID.randomUUID()),
        new SessionId("AAAAAAAAAAAAAAAAAAAAAA"), Role.USER, true);
    now = Instant.now();
    token = tokens.issue(claims, now).token();
  }

  @Benchmark
  public AccessTokens.Issued sign() {
    return tokens.issue(claims, now);
  }

  @Benchmark
  public AccessTokens.Claims verifyRemembered() {
    return tokens.verify(token, now);
  }

  @Benchmark
  public AccessTokens.Claims verifyFirstSight(FirstSight fresh) {
    return fresh.tokens.verify(token, now);
  }

  /**
   * A verifier that has seen no token yet, made anew for every call (cheap next to the signature
   * check).
   */
  @State(Scope.Thread)
  public static class FirstSight {

    JwtAccessTokens tokens;

    @Setup(Level.Invocation)
    public void setUp(JwtBenchmark benchmark) {
      tokens = new JwtAccessTokens(benchmark.keys, AccessTokenSettings.defaults());
    }
  }
}
