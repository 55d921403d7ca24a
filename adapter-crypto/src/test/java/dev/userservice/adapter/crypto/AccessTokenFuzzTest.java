package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.AccessTokens.Claims;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of access-token verification (Jazzer). A plain {@code mvn verify} runs
 * the seeds below and the saved findings only; {@code scripts/fuzz.sh} fuzzes for real.
 *
 * <p>For the first test the input's first byte picks how the rest becomes a token: as UTF-8 or
 * Latin-1 text, as a mutation of a real token, or as a splice of real tokens. The second signs
 * any payload with the real key, so only the claims checks stand between it and a session.
 */
class AccessTokenFuzzTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final SigningKeys KEYS = SigningKeys.of(TestKeys.CURRENT);
  private static final JwtAccessTokens TOKENS =
      new JwtAccessTokens(KEYS, AccessTokenSettings.defaults());
  /** Every token issued, with its claims: the only strings that may verify. */
  private static final Map<String, Claims> ISSUED = new LinkedHashMap<>();
  private static final List<String> ISSUED_TOKENS;
  private static final AtomicLong EXECUTIONS = new AtomicLong();
  private static final AtomicLong VERIFIED = new AtomicLong();

  static {
    for (int i = 0; i < 4; i++) {
      Claims claims = new Claims(new UserId(new UUID(0x0195_0000_0000_7000L + i, -i - 1L)),
          new SessionId(("Session" + i + "AbCdEfGhIjKlMnOpQr").substring(0, 22)),
          i % 2 == 0 ? Role.USER : Role.ADMIN, i < 2);
      ISSUED.put(TOKENS.issue(claims, NOW.minusSeconds(60 * i)).token(), claims);
    }
    ISSUED_TOKENS = List.copyOf(ISSUED.keySet());
  }

  @AfterAll
  static void report() {
    System.out.printf("AccessTokenFuzzTest: %d executions, %d of them verified%n",
        EXECUTIONS.get(), VERIFIED.get());
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "60s")
  void noInput_verifies_unlessItIsAnIssuedToken(byte[] input) {
    EXECUTIONS.incrementAndGet();
    String candidate = candidate(input);
    Claims claims;
    try {
      claims = TOKENS.verify(candidate, NOW);
    } catch (UnauthenticatedException expected) {
      assertThat(expected.getMessage()).isEqualTo("invalid or expired access token");
      return;
    }
    VERIFIED.incrementAndGet();
    assertThat(ISSUED).as("verified although never issued: %s", candidate)
        .containsKey(candidate);
    assertThat(claims).isEqualTo(ISSUED.get(candidate));
  }

  @MethodSource("payloads")
  @FuzzTest(maxDuration = "60s")
  void anyClaimsSignedWithTheRealKey_areCheckedStrictly(byte[] payload) {
    EXECUTIONS.incrementAndGet();
    String token = signed(payload);
    Claims claims;
    try {
      claims = TOKENS.verify(token, NOW);
    } catch (UnauthenticatedException expected) {
      return;
    }
    VERIFIED.incrementAndGet();
    DecodedJWT jwt = JWT.decode(token);
    AccessTokenSettings settings = AccessTokenSettings.defaults();
    assertThat(jwt.getIssuer()).isEqualTo(settings.issuer());
    assertThat(jwt.getAudience()).contains(settings.audience());
    assertThat(jwt.getExpiresAtAsInstant()).isAfter(NOW);
    assertThat(jwt.getIssuedAtAsInstant()).isBefore(NOW.plusSeconds(31));
    assertThat(jwt.getId()).isNotNull();
    assertThat(jwt.getSubject()).isEqualTo(claims.subject().toString());
    assertThat(jwt.getClaim("sid").asString()).isEqualTo(claims.session().value());
    assertThat(jwt.getClaim("role").asString()).isEqualTo(claims.role().name());
    assertThat(jwt.getClaim("email_verified").asBoolean()).isEqualTo(claims.emailVerified());
  }

  /**
   * Base64url leaves spare low bits in the last character of the signature, and the JDK decoder
   * ignores them and padding: other spellings of the same signature bytes are not the token.
   */
  @Test
  void anotherSpellingOfAnIssuedSignature_doesNotVerify() {
    for (String token : ISSUED_TOKENS) {
      String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
      String signature = token.substring(unsigned.length());
      byte[] bytes = Base64.getUrlDecoder().decode(signature);
      List<String> spellings = new ArrayList<>(List.of(signature + "=", signature + "=="));
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      for (char last : alphabet.toCharArray()) {
        String other = signature.substring(0, signature.length() - 1) + last;
        if (!other.equals(signature)
            && Arrays.equals(Base64.getUrlDecoder().decode(other), bytes)) {
          spellings.add(other);
        }
      }
      assertThat(spellings).hasSizeGreaterThan(2);

      for (String spelling : spellings) {
        assertThatThrownBy(() -> TOKENS.verify(unsigned + spelling, NOW))
            .as(spelling).isInstanceOf(UnauthenticatedException.class);
      }
    }
  }

  static Stream<byte[]> payloads() {
    long iat = NOW.getEpochSecond() - 10;
    String valid = "{\"iss\":\"user-service\",\"aud\":\"user-service\","
        + "\"sub\":\"01950000-0000-7000-8000-000000000001\",\"sid\":\"AAAAAAAAAAAAAAAAAAAAAA\","
        + "\"role\":\"ADMIN\",\"email_verified\":true,\"iat\":" + iat + ",\"exp\":"
        + (iat + 900) + ",\"jti\":\"1\"}";
    return Stream.of(valid, valid.replace("\"ADMIN\"", "\"ADMIN \""),
        valid.replace("\"ADMIN\"", "\"admin\""), valid.replace("true", "\"true\""),
        valid.replace("01950000-0000-7000-8000-000000000001", "1-1-1-1-1"),
        valid.replace("\"aud\":\"user-service\"", "\"aud\":[\"x\",\"user-service\"]"),
        valid.replace(",\"jti\":\"1\"", ""), valid.replace(iat + 900 + "", "1e30"),
        "{\"exp\":\"soon\",\"iat\":[],\"sub\":{},\"role\":null}", "[".repeat(5000), "",
        "null", "\u0000\uFFFF")
        .map(text -> text.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < ISSUED_TOKENS.size(); i++) {
      seeds.add(with(0, ISSUED_TOKENS.get(i)));
      seeds.add(new byte[] {2, (byte) i, 0, 0, 0});
      seeds.add(new byte[] {2, (byte) i, 1, (byte) 0xFF, (byte) 0xFF, 'A'});
      seeds.add(new byte[] {3, (byte) i, (byte) (i + 1), (byte) (i + 2)});
    }
    seeds.add(with(0, ""));
    seeds.add(with(0, "a.b.c"));
    seeds.add(with(0, "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."));
    seeds.add(with(1, "\u00ff\u00fe.\u0000."));
    return seeds.stream();
  }

  private static byte[] with(int mode, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[body.length + 1];
    input[0] = (byte) mode;
    System.arraycopy(body, 0, input, 1, body.length);
    return input;
  }

  /** Turns fuzzer bytes into a token candidate; see the class comment. */
  private static String candidate(byte[] input) {
    if (input.length == 0) {
      return "";
    }
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    return switch (Math.floorMod(input[0], 4)) {
      case 0 -> new String(rest, StandardCharsets.UTF_8);
      case 1 -> new String(rest, StandardCharsets.ISO_8859_1);
      case 2 -> mutated(rest);
      default -> spliced(rest);
    };
  }

  /** A real token with edits: each three bytes say what (replace, insert, delete) and where. */
  private static String mutated(byte[] rest) {
    if (rest.length == 0) {
      return ISSUED_TOKENS.get(0);
    }
    StringBuilder token = new StringBuilder(ISSUED_TOKENS.get(Math.floorMod(rest[0],
        ISSUED_TOKENS.size())));
    for (int i = 1; i + 2 < rest.length; i += 3) {
      int at = Math.floorMod(((rest[i + 1] & 0xFF) << 8) | (rest[i + 2] & 0xFF),
          token.length() + 1);
      char c = (char) (rest[i] & 0xFF);
      switch (Math.floorMod(rest[i], 3)) {
        case 0 -> token.insert(at, c == 0 ? '=' : c);
        case 1 -> {
          if (at < token.length()) {
            token.setCharAt(at, c);
          }
        }
        default -> {
          if (at < token.length()) {
            token.deleteCharAt(at);
          }
        }
      }
    }
    return token.toString();
  }

  /** Header, payload and signature taken from (possibly) different real tokens. */
  private static String spliced(byte[] rest) {
    String[][] parts = ISSUED_TOKENS.stream().map(t -> t.split("\\.")).toArray(String[][]::new);
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      int from = rest.length > i ? Math.floorMod(rest[i], parts.length) : 0;
      token.append(i == 0 ? "" : ".").append(parts[from][i]);
    }
    return token.toString();
  }

  /** Any payload, signed with the real key under the real key id: the claims checks alone. */
  private static String signed(byte[] payload) {
    String header = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + KEYS.signingKid() + "\"}";
    String input = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + B64URL.encodeToString(payload);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(KEYS.signingPrivate());
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
