package dev.userservice.adapter.crypto;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.ClientId;
import dev.userservice.domain.Role;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.AccessTokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens signed RS256 or ES256, as the signing key's type decides ({@link SigningKeys}),
 * by java-jwt, in the JWT profile for OAuth 2.0 access tokens (RFC 9068): header
 * {@code typ: at+jwt} and the signing key's thumbprint as {@code kid}; claims {@code iss},
 * {@code aud}, {@code sub}, {@code client_id}, {@code scope}, {@code sid}, {@code role} and
 * {@code roles}, {@code email_verified}, {@code amr} (RFC 8176), {@code iat}, {@code exp},
 * {@code jti}, and the {@code app_metadata} members {@link AccessTokenSettings} names.
 * Verification accepts only a known {@code kid}, so tokens signed by a previous key stay valid
 * until they expire, with the algorithm of the key that {@code kid} names and no other (RFC 8725
 * §3.1: an RSA key never verifies ES256, an EC key never RS256, and neither {@code none} nor an
 * HMAC), and only the access-token {@code typ} (RFC 9068 §4), so no other JWT signed with the
 * same key passes for one.
 *
 * <p>A registered client's own token ({@code client_credentials}) has its id as {@code sub} and
 * {@code client_id} and its granted scopes as {@code scope}, and no user claims; only
 * {@link #inspect} accepts it.
 *
 * <p>A user's session is a token of this service's own first-party client,
 * {@value #FIRST_PARTY_CLIENT_ID}, with the scope {@value #SESSION_SCOPE}: whatever the bearer's
 * roles allow in this service's API. The {@code roles} array is what resource-server frameworks
 * map to authorities ({@code ["user"]}, or {@code ["admin","user"]} for an administrator, who
 * may do all a user may); {@code role} stays for the clients that read it.
 *
 * <p>A token that verified is remembered (up to {@value #REMEMBERED_TOKENS} of them, by their
 * whole text, until they expire), so the same token presented again skips the signature check;
 * its expiry is still checked against the time given on every use.
 */
@Singleton
public final class JwtAccessTokens implements AccessTokens {

  /** The media type of RFC 9068 access tokens, as the header's {@code typ} writes it. */
  static final String TYPE = "at+jwt";
  private static final String LEGACY_TYPE = "JWT";
  /** The client id of the service's own sign-in (login and refresh), RFC 9068 §2.2. */
  static final String FIRST_PARTY_CLIENT_ID = ClientId.FIRST_PARTY;
  /** The scope of a user's session: the service's whole API, as far as the roles allow. */
  static final String SESSION_SCOPE = Scopes.FIRST_PARTY;
  static final String CLIENT_ID = "client_id";
  static final String SCOPE = "scope";
  static final String SESSION = "sid";
  static final String ROLE = "role";
  static final String ROLES = "roles";
  static final String EMAIL_VERIFIED = "email_verified";
  // Authentication Methods References (RFC 8176), as OpenID Connect Core names the claim.
  static final String AMR = "amr";
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
  // authenticated request, the signature is checked and the JSON parsed once per token, not
  // once per request (docs/performance.md, "Access-token verification cache"). Only tokens
  // that verified are kept, so forged ones cannot fill the cache; maintenance runs on the calling
  // thread rather than the (one-thread, on two cores) common pool.
  private final Cache<String, Verified> verified;

  /** Tokens signed with the current key of {@code keys}, described by {@code settings}. */
  @Inject
  public JwtAccessTokens(SigningKeys keys, AccessTokenSettings settings) {
    if (keys == null || settings == null) {
      throw new IllegalArgumentException("keys and settings are required");
    }
    this.settings = settings;
    this.signingKid = keys.signingKid();
    this.signer = algorithm(keys.signingPublic(), keys.signingPrivate());
    Map<String, Algorithm> byKid = new HashMap<>();
    keys.verificationKeys().forEach((kid, key) -> byKid.put(kid, algorithm(key, null)));
    this.verifiers = Map.copyOf(byKid);
    this.jwks = Map.of("keys", keys.jwks());
    this.verified = Caffeine.newBuilder()
        .maximumSize(REMEMBERED_TOKENS)
        .expireAfterWrite(settings.ttl().plus(CLOCK_SKEW))
        .executor(Runnable::run)
        .build();
  }

  /** java-jwt's algorithm for the key's type; verifies only, when {@code privateKey} is null. */
  private static Algorithm algorithm(PublicKey publicKey, PrivateKey privateKey) {
    return switch (SigningKeys.algorithmOf(publicKey)) {
      case RS256 -> Algorithm.RSA256((RSAPublicKey) publicKey, (RSAPrivateKey) privateKey);
      case ES256 -> Algorithm.ECDSA256((ECPublicKey) publicKey, (ECPrivateKey) privateKey);
    };
  }

  @Override
  public Issued issue(Claims claims, Instant now) {
    JWTCreator.Builder token = JWT.create()
        .withSubject(claims.subject().value().toString())
        .withClaim(CLIENT_ID, FIRST_PARTY_CLIENT_ID)
        .withClaim(SCOPE, SESSION_SCOPE)
        .withClaim(SESSION, claims.session().value())
        .withClaim(ROLE, claims.role().name())
        .withArrayClaim(ROLES, roles(claims.role()))
        .withClaim(EMAIL_VERIFIED, claims.emailVerified())
        .withClaim(AMR, claims.methods().amr());
    if (!settings.appMetadataClaims().isEmpty() && !claims.appMetadata().isEmpty()) {
      Map<String, Object> members = claims.appMetadata().members();
      Map<String, Object> copied = new HashMap<>();
      for (String name : settings.appMetadataClaims()) {
        if (members.containsKey(name)) {
          copied.put(name, claimValue(members.get(name)));
        }
      }
      // The settings refuse registered names, so these never replace a claim written above.
      token.withPayload(copied);
    }
    return signed(token, now);
  }

  /**
   * A metadata value as the JWT library takes it: numbers become {@code Long} when whole and
   * within its range, else {@code Double} (a claim is a JSON number either way; a decimal beyond a
   * double's precision is rounded).
   */
  private static Object claimValue(Object value) {
    if (value instanceof BigDecimal number) {
      try {
        return number.longValueExact();
      } catch (ArithmeticException notAWholeLong) {
        return number.doubleValue();
      }
    }
    if (value instanceof List<?> items) {
      return items.stream().map(JwtAccessTokens::claimValue).toList();
    }
    if (value instanceof Map<?, ?> members) {
      Map<String, Object> converted = new HashMap<>();
      members.forEach((name, member) -> converted.put((String) name, claimValue(member)));
      return converted;
    }
    return value;
  }

  @Override
  public Issued issue(ClientClaims claims, Instant now) {
    return signed(JWT.create()
        .withSubject(claims.client().value())
        .withClaim(CLIENT_ID, claims.client().value())
        .withClaim(SCOPE, claims.scopes().text()), now);
  }

  /** {@code token} with the header and the claims every token has, signed, valid from now. */
  private Issued signed(JWTCreator.Builder token, Instant now) {
    // JWT times are whole seconds; the reported expiry is the one written in the token.
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = issuedAt.plus(settings.ttl());
    String signed = token
        .withHeader(Map.of("typ", TYPE))
        .withKeyId(signingKid)
        .withIssuer(settings.issuer())
        .withAudience(settings.audience())
        .withIssuedAt(issuedAt)
        .withExpiresAt(expiresAt)
        .withJWTId(UUID.randomUUID().toString())
        .sign(signer);
    return new Issued(signed, expiresAt);
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
      Verified result = verifiedOf(checked(token, now));
      Claims claims = result.claimsAt(now);
      verified.put(token, result);
      return claims;
    } catch (JWTVerificationException | IllegalArgumentException e) {
      throw invalid();
    }
  }

  @Override
  public Inspected inspect(String token, Instant now) {
    if (token == null || now == null) {
      throw invalid();
    }
    try {
      DecodedJWT jwt = checked(token, now);
      String clientId = jwt.getClaim(CLIENT_ID).asString();
      Claims user = null;
      ClientClaims client = null;
      Instant issuedAt;
      Instant expiresAt;
      if (clientId == null || clientId.equals(FIRST_PARTY_CLIENT_ID)) {
        Verified verifiedUser = verifiedOf(jwt);
        user = verifiedUser.claimsAt(now);
        issuedAt = verifiedUser.issuedAt();
        expiresAt = verifiedUser.expiresAt();
      } else {
        issuedAt = jwt.getIssuedAtAsInstant();
        expiresAt = jwt.getExpiresAtAsInstant();
        if (issuedAt == null || expiresAt == null || jwt.getId() == null
            || !clientId.equals(jwt.getSubject()) || !ClientId.isWellFormed(clientId)) {
          throw invalid();
        }
        requireLifetime(issuedAt, expiresAt, now);
        client = new ClientClaims(new ClientId(clientId),
            Scopes.parse(jwt.getClaim(SCOPE).asString()));
      }
      // The previous release's tokens carry neither client_id, scope nor roles.
      return new Inspected(user, client, clientId == null ? FIRST_PARTY_CLIENT_ID : clientId,
          jwt.getSubject(), user == null ? client.scopes().text() : SESSION_SCOPE,
          user == null ? List.of() : List.of(roles(user.role())), jwt.getIssuer(),
          settings.audience(), issuedAt, expiresAt);
    } catch (JWTVerificationException | IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** {@code token} decoded, once its header, signature, issuer and audience are checked. */
  private DecodedJWT checked(String token, Instant now) {
    DecodedJWT decoded = JWT.decode(token);
    // The key id and algorithm come from the attacker: the key is chosen by the id alone, and the
    // algorithm must then be the key's own.
    if (decoded.getKeyId() == null || !isAccessTokenType(decoded.getType())) {
      throw invalid();
    }
    // The decoder ignores padding and the spare bits of the last character, so one signature
    // has many spellings; only the one this service writes is its token. A payload of JSON
    // null decodes to no payload at all, which java-jwt later dereferences.
    if (!isCanonicalBase64Url(decoded.getSignature()) || !isJsonObject(decoded.getPayload())) {
      throw invalid();
    }
    Algorithm algorithm = verifiers.get(decoded.getKeyId());
    if (algorithm == null || !algorithm.getName().equals(decoded.getAlgorithm())) {
      throw invalid();
    }
    JWTVerifier verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
        .withIssuer(settings.issuer())
        .withAudience(settings.audience())
        .acceptIssuedAt(CLOCK_SKEW.toSeconds()))
        .build(Clock.fixed(now, ZoneOffset.UTC));
    return verifier.verify(decoded);
  }

  @Override
  public String issuer() {
    return settings.issuer();
  }

  @Override
  public Map<String, Object> jwks() {
    return jwks;
  }

  /**
   * RFC 9068 §4: {@code at+jwt}, or its full media type {@code application/at+jwt} (compared
   * without case, as media types are). Also {@code JWT}, what the previous release wrote, so that
   * during a rolling upgrade, and for one {@code ACCESS_TOKEN_TTL} after it, the tokens of
   * instances not yet upgraded keep working; no other JWT is signed with these keys, so the
   * confusion the type check guards against cannot come from them. Remove {@value #LEGACY_TYPE}
   * in the release after next.
   */
  private static boolean isAccessTokenType(String type) {
    return type != null && (type.equalsIgnoreCase(TYPE)
        || type.equalsIgnoreCase("application/" + TYPE) || type.equals(LEGACY_TYPE));
  }

  /** Each role with the roles it includes: an administrator may do all a user may. */
  private static String[] roles(Role role) {
    return switch (role) {
      case ADMIN -> new String[] {"admin", "user"};
      case USER -> new String[] {"user"};
    };
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
    String clientId = jwt.getClaim(CLIENT_ID).asString();
    // A registered client's own token names no user: it never passes for a user's. (The previous
    // release's tokens carry no client_id.)
    if (clientId != null && !clientId.equals(FIRST_PARTY_CLIENT_ID)) {
      throw invalid();
    }
    if (expiresAt == null || issuedAt == null || jwt.getId() == null || subject == null
        || !SessionId.isWellFormed(session) || role == null || emailVerified == null) {
      throw invalid();
    }
    UUID id = UUID.fromString(subject);
    if (!id.toString().equals(subject)) {
      throw invalid();
    }
    // Tokens of the previous release carry no amr: they were all issued for the password alone.
    return new Verified(new Claims(new UserId(id), new SessionId(session), Role.valueOf(role),
        emailVerified, AuthMethods.ofAmr(jwt.getClaim(AMR).asList(String.class))), issuedAt,
        expiresAt);
  }

  /** What a token with a good signature says, and when it holds. */
  private record Verified(Claims claims, Instant issuedAt, Instant expiresAt) {

    Claims claimsAt(Instant now) {
      requireLifetime(issuedAt, expiresAt, now);
      return claims;
    }
  }

  private static void requireLifetime(Instant issuedAt, Instant expiresAt, Instant now) {
    if (!now.isBefore(expiresAt) || issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw invalid();
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
