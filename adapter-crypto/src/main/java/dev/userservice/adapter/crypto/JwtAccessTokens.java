package dev.userservice.adapter.crypto;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.AccessTokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * RS256 access tokens (java-jwt) carrying {@code iss}, {@code aud}, {@code sub}, {@code sid},
 * {@code role}, {@code email_verified}, {@code iat}, {@code exp} and {@code jti}, with the signing
 * key's thumbprint as {@code kid}. Verification accepts only RS256 with a known {@code kid}, so
 * tokens signed by a previous key stay valid until they expire.
 *
 * <p>A token that verified is remembered (up to {@value #REMEMBERED_TOKENS} of them, by their
 * whole text, until they expire), so the same token presented again skips the signature check;
 * its expiry is still checked against the time given on every use.
 */
@Singleton
public final class JwtAccessTokens implements AccessTokens {

  static final String ALGORITHM = "RS256";
  static final String SESSION = "sid";
  static final String ROLE = "role";
  static final String EMAIL_VERIFIED = "email_verified";
  static final int REMEMBERED_TOKENS = 10_000;

  // Instances behind one load balancer may disagree on the time by a little; a token issued by a
  // clock slightly ahead must not be refused as "issued in the future". Expiry stays exact.
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final AccessTokenSettings settings;
  private final String signingKid;
  private final Algorithm signer;
  private final Map<String, Algorithm> verifiers;
  private final Map<String, Object> jwks;
  // A client presents one token on every request for its whole lifetime: on the hot path of every
  // authenticated request, the RS256 signature is checked and the JSON parsed once per token, not
  // once per request (docs/performance.md, "Access-token verification cache"). Only tokens
  // that verified are kept, so forged ones cannot fill the cache; maintenance runs on the calling
  // thread rather than the (one-thread, on two cores) common pool.
  private final Cache<String, Verified> verified;

  /** Tokens signed with the current key of {@code keys}, described by {@code settings}. */
  @Inject
  public JwtAccessTokens(RsaKeys keys, AccessTokenSettings settings) {
    if (keys == null || settings == null) {
      throw new IllegalArgumentException("keys and settings are required");
    }
    this.settings = settings;
    this.signingKid = keys.signingKid();
    this.signer = Algorithm.RSA256(keys.signingPublic(), keys.signingPrivate());
    Map<String, Algorithm> byKid = new HashMap<>();
    for (Map.Entry<String, RSAPublicKey> key : keys.verificationKeys().entrySet()) {
      byKid.put(key.getKey(), Algorithm.RSA256(key.getValue(), null));
    }
    this.verifiers = Map.copyOf(byKid);
    this.jwks = Map.of("keys", keys.jwks());
    this.verified = Caffeine.newBuilder()
        .maximumSize(REMEMBERED_TOKENS)
        .expireAfterWrite(settings.ttl().plus(CLOCK_SKEW))
        .executor(Runnable::run)
        .build();
  }

  @Override
  public Issued issue(Claims claims, Instant now) {
    // JWT times are whole seconds; the reported expiry is the one written in the token.
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = issuedAt.plus(settings.ttl());
    String token = JWT.create()
        .withHeader(Map.of("typ", "JWT"))
        .withKeyId(signingKid)
        .withIssuer(settings.issuer())
        .withAudience(settings.audience())
        .withSubject(claims.subject().value().toString())
        .withClaim(SESSION, claims.session().value())
        .withClaim(ROLE, claims.role().name())
        .withClaim(EMAIL_VERIFIED, claims.emailVerified())
        .withIssuedAt(issuedAt)
        .withExpiresAt(expiresAt)
        .withJWTId(UUID.randomUUID().toString())
        .sign(signer);
    return new Issued(token, expiresAt);
  }

  @Override
  public Claims verify(String token, Instant now) {
    if (token == null || now == null) {
      throw invalid();
    }
    Verified known = verified.getIfPresent(token);
    if (known != null) {
      return known.claimsAt(now);
    }
    try {
      DecodedJWT decoded = JWT.decode(token);
      // Checked before any key is chosen: the key id and algorithm come from the attacker.
      if (!ALGORITHM.equals(decoded.getAlgorithm()) || decoded.getKeyId() == null) {
        throw invalid();
      }
      // The decoder ignores padding and the spare bits of the last character, so one signature
      // has many spellings; only the one this service writes is its token. A payload of JSON
      // null decodes to no payload at all, which java-jwt later dereferences.
      if (!isCanonicalBase64Url(decoded.getSignature()) || !isJsonObject(decoded.getPayload())) {
        throw invalid();
      }
      Algorithm algorithm = verifiers.get(decoded.getKeyId());
      if (algorithm == null) {
        throw invalid();
      }
      JWTVerifier verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
          .withIssuer(settings.issuer())
          .withAudience(settings.audience())
          .acceptIssuedAt(CLOCK_SKEW.toSeconds()))
          .build(Clock.fixed(now, ZoneOffset.UTC));
      Verified result = verifiedOf(verifier.verify(decoded));
      Claims claims = result.claimsAt(now);
      verified.put(token, result);
      return claims;
    } catch (JWTVerificationException | IllegalArgumentException e) {
      throw invalid();
    }
  }

  @Override
  public Map<String, Object> jwks() {
    return jwks;
  }

  // java-jwt checks exp and iat only when they are present, and at whole seconds; both are
  // required here (see Verified.claimsAt) and exp is exact.
  private static Verified verifiedOf(DecodedJWT jwt) {
    Instant expiresAt = jwt.getExpiresAtAsInstant();
    Instant issuedAt = jwt.getIssuedAtAsInstant();
    String subject = jwt.getSubject();
    String session = jwt.getClaim(SESSION).asString();
    String role = jwt.getClaim(ROLE).asString();
    Boolean emailVerified = jwt.getClaim(EMAIL_VERIFIED).asBoolean();
    if (expiresAt == null || issuedAt == null || jwt.getId() == null || subject == null
        || !SessionId.isWellFormed(session) || role == null || emailVerified == null) {
      throw invalid();
    }
    UUID id = UUID.fromString(subject);
    if (!id.toString().equals(subject)) {
      throw invalid();
    }
    return new Verified(new Claims(new UserId(id), new SessionId(session), Role.valueOf(role),
        emailVerified), issuedAt, expiresAt);
  }

  /** What a token with a good signature says, and when it holds. */
  private record Verified(Claims claims, Instant issuedAt, Instant expiresAt) {

    Claims claimsAt(Instant now) {
      if (!now.isBefore(expiresAt) || issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
        throw invalid();
      }
      return claims;
    }
  }

  private static boolean isCanonicalBase64Url(String text) {
    return B64URL.encodeToString(Base64.getUrlDecoder().decode(text)).equals(text);
  }

  private static boolean isJsonObject(String payload) {
    String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    return json.strip().startsWith("{");
  }

  private static UnauthenticatedException invalid() {
    return new UnauthenticatedException("invalid or expired access token");
  }
}
