package dev.userservice.bench;

import dev.userservice.adapter.crypto.AccessTokenSettings;
import dev.userservice.adapter.crypto.JwtAccessTokens;
import dev.userservice.adapter.crypto.PemKeys;
import dev.userservice.adapter.crypto.RsaKeys;
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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The token ceilings: the project's own {@link JwtAccessTokens} issuing (RS256 sign, paid by every
 * login and refresh) and verifying (paid by every authenticated request) with a 2048-bit key, one
 * benchmark thread per processor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(Threads.MAX)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class JwtBenchmark {

  private JwtAccessTokens tokens;
  private AccessTokens.Claims claims;
  private String token;
  private Instant now;

  @Setup
  public void setUp() {
    tokens = new JwtAccessTokens(RsaKeys.of(PemKeys.generate(2048)),
        AccessTokenSettings.defaults());
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
  public AccessTokens.Claims verify() {
    return tokens.verify(token, now);
  }
}
