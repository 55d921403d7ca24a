package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.userservice.domain.AuthMethods;
import dev.userservice.domain.ClientId;
import dev.userservice.domain.Metadata;
import dev.userservice.domain.Role;
import dev.userservice.domain.Scopes;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.AccessTokens.Claims;
import dev.userservice.domain.port.AccessTokens.ClientClaims;
import dev.userservice.domain.port.AccessTokens.Inspected;
import dev.userservice.domain.port.AccessTokens.Issued;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtAccessTokensTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.250Z");
  private static final Claims CLAIMS = new Claims(
      new UserId(UUID.fromString("01954f2a-7b00-7c3d-8e4f-123456789abc")),
      new SessionId("AbCdEfGhIjKlMnOpQrStUv"),
      Role.ADMIN,
      true);
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

  private final SigningKeys keys = SigningKeys.of(TestKeys.CURRENT);
  private final JwtAccessTokens tokens = new JwtAccessTokens(keys, AccessTokenSettings.defaults());

  @Test
  void issuedToken_verifies_withAllItsClaims() {
    Issued issued = tokens.issue(CLAIMS, NOW);

    assertThat(tokens.verify(issued.token(), NOW.plusSeconds(60))).isEqualTo(CLAIMS);
    Claims user = new Claims(CLAIMS.subject(), CLAIMS.session(), Role.USER, false);
    assertThat(tokens.verify(tokens.issue(user, NOW).token(), NOW)).isEqualTo(user);
  }

  @Test
  void appMetadataMembers_namedInTheSettings_becomeClaimsOfTheSameName() throws Exception {
    Metadata app = Metadata.parse("{\"plan\":\"pro\",\"seats\":5,\"ratio\":1.50,"
        + "\"beta\":true,\"none\":null,\"tags\":[\"a\",2],\"limits\":{\"api\":10},"
        + "\"secret_note\":\"not copied\"}", "app_metadata");
    Claims claims = new Claims(CLAIMS.subject(), CLAIMS.session(), Role.USER, true,
        AuthMethods.PASSWORD, app);
    JwtAccessTokens copying = new JwtAccessTokens(keys, new AccessTokenSettings("user-service",
        "user-service", Duration.ofMinutes(15),
        List.of("plan", "seats", "ratio", "beta", "none", "tags", "limits", "absent")));

    Issued issued = copying.issue(claims, NOW);
    Map<String, Object> payload = new ObjectMapper().readValue(
        B64URL_DECODER.decode(issued.token().split("\\.")[1]), new TypeReference<>() {});

    assertThat(payload).containsEntry("plan", "pro").containsEntry("seats", 5)
        .containsEntry("ratio", 1.5).containsEntry("beta", true).containsEntry("none", null)
        .containsEntry("tags", List.of("a", 2)).containsEntry("limits", Map.of("api", 10))
        .doesNotContainKeys("absent", "secret_note")
        .containsEntry("sub", CLAIMS.subject().value().toString())
        .containsEntry("roles", List.of("user"));
    assertThat(copying.verify(issued.token(), NOW).subject()).isEqualTo(CLAIMS.subject());
    assertThat(JWT.decode(tokens.issue(claims, NOW).token()).getClaim("plan").isMissing())
        .as("copied only when configured").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub", "iss", "exp", "roles", "role", "scope", "client_id", "amr",
      "email", "email_verified", "sid", "cnf", " "})
  void aRegisteredClaimName_cannotCarryAppMetadata(String name) {
    assertThatThrownBy(() -> new AccessTokenSettings("user-service", "user-service",
        Duration.ofMinutes(15), List.of("plan", name)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientsOwnToken_carriesTheClientAndItsScopes_andNoUserClaims() {
    ClientClaims client = new ClientClaims(new ClientId("svc-reports"),
        Scopes.parse("reports:read metrics:write"));
    DecodedJWT jwt = JWT.decode(tokens.issue(client, NOW).token());

    assertThat(jwt.getType()).isEqualTo("at+jwt");
    assertThat(jwt.getSubject()).isEqualTo("svc-reports");
    assertThat(jwt.getClaim("client_id").asString()).isEqualTo("svc-reports");
    assertThat(jwt.getClaim("scope").asString()).isEqualTo("metrics:write reports:read");
    for (String userClaim : List.of("sid", "role", "roles", "email_verified")) {
      assertThat(jwt.getClaim(userClaim).isMissing()).as(userClaim).isTrue();
    }
  }

  @Test
  void clientsOwnToken_isRefusedAsAUsersToken_butInspectedAsTheClients() {
    ClientClaims client = new ClientClaims(new ClientId("svc-reports"), Scopes.parse("a"));
    String token = tokens.issue(client, NOW).token();

    assertThatThrownBy(() -> tokens.verify(token, NOW))
        .isInstanceOf(UnauthenticatedException.class);
    Inspected inspected = tokens.inspect(token, NOW.plusSeconds(60));
    assertThat(inspected.client()).isEqualTo(client);
    assertThat(inspected.user()).isNull();
    assertThat(inspected.subject()).isEqualTo("svc-reports");
    assertThat(inspected.scope()).isEqualTo("a");
    assertThat(inspected.roles()).isEmpty();
    assertThat(inspected.expiresAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.SECONDS)
        .plus(AccessTokenSettings.defaults().ttl()));
    assertThatThrownBy(() -> tokens.inspect(token, inspected.expiresAt()))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void usersToken_isInspectedWithItsClaimsAndRoles() {
    Inspected inspected = tokens.inspect(tokens.issue(CLAIMS, NOW).token(), NOW);

    assertThat(inspected.user()).isEqualTo(CLAIMS);
    assertThat(inspected.client()).isNull();
    assertThat(inspected.clientId()).isEqualTo("user-service");
    assertThat(inspected.scope()).isEqualTo("user-service");
    assertThat(inspected.roles()).containsExactly("admin", "user");
    assertThat(inspected.issuer()).isEqualTo(tokens.issuer());
    assertThatThrownBy(() -> tokens.inspect("not.a.token", NOW))
        .isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void issuedToken_carriesTheSpecifiedHeaderAndClaims() {
    Issued issued = tokens.issue(CLAIMS, NOW);
    DecodedJWT jwt = JWT.decode(issued.token());

    assertThat(jwt.getAlgorithm()).isEqualTo("RS256");
    assertThat(jwt.getType()).isEqualTo("at+jwt");
    assertThat(jwt.getKeyId()).isEqualTo(keys.signingKid());
    assertThat(jwt.getIssuer()).isEqualTo("user-service").isEqualTo(tokens.issuer());
    assertThat(jwt.getAudience()).containsExactly("user-service");
    assertThat(jwt.getSubject()).isEqualTo("01954f2a-7b00-7c3d-8e4f-123456789abc");
    assertThat(jwt.getClaim("sid").asString()).isEqualTo("AbCdEfGhIjKlMnOpQrStUv");
    assertThat(jwt.getClaim("client_id").asString()).isEqualTo("user-service");
    assertThat(jwt.getClaim("scope").asString()).isEqualTo("user-service");
    assertThat(jwt.getClaim("role").asString()).isEqualTo("ADMIN");
    assertThat(jwt.getClaim("roles").asList(String.class)).containsExactly("admin", "user");
    assertThat(jwt.getClaim("email_verified").asBoolean()).isTrue();
    assertThat(jwt.getIssuedAtAsInstant()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
    assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(Instant.parse("2025-03-01T12:15:00Z"));
    assertThat(issued.expiresAt()).isEqualTo(jwt.getExpiresAtAsInstant());
    assertThat(UUID.fromString(jwt.getId())).isNotNull();
    assertThat(JWT.decode(tokens.issue(CLAIMS, NOW).token()).getId()).isNotEqualTo(jwt.getId());
  }

  @Test
  void userToken_hasTheUserRoleOnly() {
    Claims user = new Claims(CLAIMS.subject(), CLAIMS.session(), Role.USER, true);
    DecodedJWT jwt = JWT.decode(tokens.issue(user, NOW).token());

    assertThat(jwt.getClaim("role").asString()).isEqualTo("USER");
    assertThat(jwt.getClaim("roles").asList(String.class)).containsExactly("user");
  }

  @ParameterizedTest
  @ValueSource(strings = {"at+jwt", "application/at+jwt", "AT+JWT", "JWT"})
  void tokenOfTheAccessTokenType_orOfThePreviousRelease_isAccepted(String type) {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());
    String token = JWT.create().withHeader(Map.of("typ", type)).withKeyId(keys.signingKid())
        .withPayload(payload).sign(signer());

    assertThat(tokens.verify(token, NOW)).isEqualTo(CLAIMS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jwt", "id+jwt", "JOSE", "application/jwt", "logout+jwt"})
  void tokenOfAnotherType_isRejected(String type) {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());

    assertRejected(JWT.create().withHeader(Map.of("typ", type)).withKeyId(keys.signingKid())
        .withPayload(payload).sign(signer()), NOW);
  }

  @Test
  void tokenWithoutAType_isRejected() {
    // By hand: java-jwt writes a typ of its own when the header has none.
    String header = json("{\"alg\":\"RS256\",\"kid\":\"" + keys.signingKid() + "\"}");
    String payload = tokens.issue(CLAIMS, NOW).token().split("\\.")[1];
    byte[] signature = signer().sign(header.getBytes(StandardCharsets.US_ASCII),
        payload.getBytes(StandardCharsets.US_ASCII));

    assertRejected(header + "." + payload + "." + B64URL.encodeToString(signature), NOW);
  }

  @Test
  void tokenAtOrPastItsExpiry_isRejected() {
    Issued issued = tokens.issue(CLAIMS, NOW);

    assertThat(tokens.verify(issued.token(), issued.expiresAt().minusMillis(1))).isEqualTo(CLAIMS);
    assertRejected(issued.token(), issued.expiresAt());
    assertRejected(issued.token(), issued.expiresAt().plusSeconds(1));
    assertRejected(issued.token(), NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void tokenIssuedWellInTheFuture_isRejected() {
    Issued issued = tokens.issue(CLAIMS, NOW.plusSeconds(120));

    assertRejected(issued.token(), NOW);
  }

  @Test
  void rememberedToken_isStillCheckedForItsTimes() {
    Issued issued = tokens.issue(CLAIMS, NOW.plusSeconds(120));
    assertThat(tokens.verify(issued.token(), NOW.plusSeconds(120))).isEqualTo(CLAIMS);

    assertRejected(issued.token(), NOW);
    assertRejected(issued.token(), issued.expiresAt());
    assertThat(tokens.verify(issued.token(), issued.expiresAt().minusMillis(1))).isEqualTo(CLAIMS);
  }

  @Test
  void alteredCopiesOfARememberedToken_areRejected() {
    String token = tokens.issue(CLAIMS, NOW).token();
    assertThat(tokens.verify(token, NOW)).isEqualTo(CLAIMS);
    String[] parts = token.split("\\.");

    assertRejected(token + "=", NOW);
    assertRejected(" " + token, NOW);
    assertRejected(parts[0] + "." + parts[1] + "." + parts[2].substring(1), NOW);
    assertRejected(parts[0] + "." + parts[1] + ".", NOW);
    assertThat(tokens.verify(token, NOW)).isEqualTo(CLAIMS);
  }

  @Test
  void tokenOfAnotherIssuer_isRejected() {
    JwtAccessTokens otherIssuer = new JwtAccessTokens(
        keys, new AccessTokenSettings("someone-else", "user-service", Duration.ofMinutes(15)));

    assertRejected(otherIssuer.issue(CLAIMS, NOW).token(), NOW);
  }

  @Test
  void tokenForAnotherAudience_isRejected() {
    JwtAccessTokens otherAudience = new JwtAccessTokens(
        keys, new AccessTokenSettings("user-service", "another-api", Duration.ofMinutes(15)));

    assertRejected(otherAudience.issue(CLAIMS, NOW).token(), NOW);
  }

  @Test
  void unsignedTokenWithAlgNone_isRejected() {
    String signed = tokens.issue(CLAIMS, NOW).token();
    String payload = signed.split("\\.")[1];
    String header = json("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + keys.signingKid() + "\"}");

    assertRejected(header + "." + payload + ".", NOW);
    assertRejected(header + "." + payload + "." + signed.split("\\.")[2], NOW);
    assertRejected(accessToken().withKeyId(keys.signingKid()).withPayload(payloadOf(signed))
        .sign(Algorithm.none()), NOW);
  }

  @Test
  void tokenSignedWithHs256UsingThePublicKeyAsSecret_isRejected() {
    RSAPublicKey publicKey = (RSAPublicKey) TestKeys.CURRENT.getPublic();
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());

    for (byte[] secret : List.of(publicKey.getEncoded(),
        PemKeys.publicKeyPem(publicKey).getBytes(StandardCharsets.US_ASCII))) {
      String forged = accessToken().withKeyId(keys.signingKid()).withPayload(payload)
          .sign(Algorithm.HMAC256(secret));
      assertRejected(forged, NOW);
    }
  }

  @Test
  void tokenSignedByAnUnknownKey_isRejected() {
    JwtAccessTokens stranger = new JwtAccessTokens(
        SigningKeys.of(TestKeys.STRANGER), AccessTokenSettings.defaults());
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());
    Algorithm strangerKey = Algorithm.RSA256(
        (RSAPublicKey) TestKeys.STRANGER.getPublic(),
        (RSAPrivateKey) TestKeys.STRANGER.getPrivate());

    assertRejected(stranger.issue(CLAIMS, NOW).token(), NOW);
    assertRejected(accessToken().withKeyId(keys.signingKid()).withPayload(payload)
        .sign(strangerKey), NOW);
  }

  @Test
  void tokenWithoutKeyIdOrWithAnUnknownOne_isRejected() {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());

    assertRejected(accessToken().withPayload(payload).sign(signer()), NOW);
    assertRejected(accessToken().withKeyId("no-such-key").withPayload(payload).sign(signer()), NOW);
  }

  @Test
  void tokenWithATamperedPayload_isRejected() {
    String[] parts = tokens.issue(
        new Claims(CLAIMS.subject(), CLAIMS.session(), Role.USER, true), NOW).token().split("\\.");
    String payload = new String(B64URL_DECODER.decode(parts[1]), StandardCharsets.UTF_8);
    String promoted = payload.replace("\"role\":\"USER\"", "\"role\":\"ADMIN\"");
    assertThat(promoted).isNotEqualTo(payload);

    assertRejected(parts[0] + "." + json(promoted) + "." + parts[2], NOW);
  }

  @Test
  void tokenWithATamperedSignature_isRejected() {
    String[] parts = tokens.issue(CLAIMS, NOW).token().split("\\.");
    byte[] signature = B64URL_DECODER.decode(parts[2]);
    signature[signature.length / 2] ^= 1;

    assertRejected(parts[0] + "." + parts[1] + "." + B64URL.encodeToString(signature), NOW);
    assertRejected(parts[0] + "." + parts[1] + ".", NOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iss", "aud", "sub", "sid", "role", "email_verified", "iat", "exp", "jti"})
  void tokenMissingAClaim_isRejected(String claim) {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());
    payload.remove(claim);

    assertRejected(accessToken().withKeyId(keys.signingKid()).withPayload(payload).sign(signer()),
        NOW);
  }

  static Stream<Map<String, Object>> malformedClaims() {
    return Stream.of(
        Map.of("sub", "not-a-uuid"),
        Map.of("sub", "1-1-1-1-1"),
        Map.of("sub", 42),
        Map.of("sid", "too-short"),
        Map.of("role", "SUPERUSER"),
        Map.of("role", "admin"),
        Map.of("email_verified", "true"),
        Map.of("exp", "tomorrow"));
  }

  @ParameterizedTest
  @MethodSource("malformedClaims")
  void tokenWithAMalformedClaim_isRejected(Map<String, Object> replacement) {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());
    payload.putAll(replacement);

    assertRejected(accessToken().withKeyId(keys.signingKid()).withPayload(payload).sign(signer()),
        NOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "a.b.c", "..", "eyJhbGciOiJSUzI1NiJ9.e30."})
  void somethingThatIsNotAToken_isRejected(String token) {
    assertRejected(token, NOW);
  }

  @Test
  void missingToken_isRejected() {
    assertRejected(null, NOW);
  }

  @Test
  void tokenSignedByAPreviousKey_isAccepted_andTheJwksListsBothKeys() {
    JwtAccessTokens beforeRotation = new JwtAccessTokens(
        SigningKeys.of(TestKeys.PREVIOUS), AccessTokenSettings.defaults());
    String oldToken = beforeRotation.issue(CLAIMS, NOW).token();
    SigningKeys rotated = new SigningKeys(
        TestKeys.CURRENT, List.of((RSAPublicKey) TestKeys.PREVIOUS.getPublic()));
    JwtAccessTokens afterRotation = new JwtAccessTokens(rotated, AccessTokenSettings.defaults());

    assertThat(afterRotation.verify(oldToken, NOW)).isEqualTo(CLAIMS);
    assertThat(JWT.decode(afterRotation.issue(CLAIMS, NOW).token()).getKeyId())
        .isEqualTo(SigningKeys.thumbprint((RSAPublicKey) TestKeys.CURRENT.getPublic()));

    List<?> jwks = (List<?>) afterRotation.jwks().get("keys");
    assertThat(jwks).hasSize(2);
    assertJwk(jwks.get(0), (RSAPublicKey) TestKeys.CURRENT.getPublic());
    assertJwk(jwks.get(1), (RSAPublicKey) TestKeys.PREVIOUS.getPublic());
  }

  @Test
  void keySmallerThan2048Bits_isRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    KeyPair small = generator.generateKeyPair();

    assertThatThrownBy(() -> SigningKeys.of(small))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
    assertThatThrownBy(() -> new SigningKeys(
        TestKeys.CURRENT, List.of((RSAPublicKey) small.getPublic())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
    assertThatThrownBy(() -> PemKeys.generate(1024))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
  }

  @Test
  void keyPairWhoseHalvesDoNotMatch_isRefused() {
    KeyPair mismatched = new KeyPair(TestKeys.CURRENT.getPublic(), TestKeys.PREVIOUS.getPrivate());

    assertThatThrownBy(() -> SigningKeys.of(mismatched)).isInstanceOf(IllegalArgumentException.class);
  }

  private void assertRejected(String token, Instant at) {
    assertThatThrownBy(() -> tokens.verify(token, at))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("invalid or expired access token")
        .hasNoCause();
  }

  /** A token builder with the RFC 9068 header type, as the service writes it. */
  private static JWTCreator.Builder accessToken() {
    return JWT.create().withHeader(Map.of("typ", "at+jwt"));
  }

  private Algorithm signer() {
    return Algorithm.RSA256(
        (RSAPublicKey) TestKeys.CURRENT.getPublic(), (RSAPrivateKey) TestKeys.CURRENT.getPrivate());
  }

  private static void assertJwk(Object jwk, RSAPublicKey key) {
    assertThat(jwk).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) jwk;
    assertThat(List.<Object>copyOf(map.keySet())).containsExactly("kty", "use", "alg", "kid", "n", "e");
    assertThat(map.get("kty")).isEqualTo("RSA");
    assertThat(map.get("use")).isEqualTo("sig");
    assertThat(map.get("alg")).isEqualTo("RS256");
    assertThat(map.get("kid")).isEqualTo(SigningKeys.thumbprint(key));
    byte[] n = B64URL_DECODER.decode((String) map.get("n"));
    assertThat(n).hasSize(key.getModulus().bitLength() / 8);
    assertThat(new BigInteger(1, n)).isEqualTo(key.getModulus());
    assertThat(map.get("e")).isEqualTo("AQAB");
  }

  private static Map<String, Object> payloadOf(String token) {
    Map<String, Object> payload = new HashMap<>();
    JWT.decode(token).getClaims().forEach((name, claim) -> payload.put(name, claim.as(Object.class)));
    return payload;
  }

  private static String json(String text) {
    return B64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
