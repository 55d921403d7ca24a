package dev.userservice.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.userservice.domain.Role;
import dev.userservice.domain.SessionId;
import dev.userservice.domain.UnauthenticatedException;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.AccessTokens.Claims;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ES256 tokens, signed by a P-256 key, and the rule that every key verifies its own algorithm
 * only: here the service signs with an EC key and still accepts an RSA key's tokens, as after a
 * rotation from RS256 to ES256. Every forgery is set beside the genuine token it was made from, so
 * a refusal is the forgery's doing.
 */
class JwtAccessTokensEs256Test {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final Claims CLAIMS = new Claims(
      new UserId(UUID.fromString("01954f2a-7b00-7c3d-8e4f-123456789abc")),
      new SessionId("AbCdEfGhIjKlMnOpQrStUv"), Role.ADMIN, true);
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final SigningKeys keys = new SigningKeys(TestKeys.EC_CURRENT,
      List.of((RSAPublicKey) TestKeys.CURRENT.getPublic()));
  private final String ecKid = keys.signingKid();
  private final String rsaKid = SigningKeys.thumbprint(TestKeys.CURRENT.getPublic());
  private final JwtAccessTokens tokens = new JwtAccessTokens(keys, AccessTokenSettings.defaults());

  @Test
  void anEcKey_signsEs256_andItsTokenVerifies() {
    String token = tokens.issue(CLAIMS, NOW).token();
    DecodedJWT jwt = JWT.decode(token);

    assertThat(keys.algorithm()).isEqualTo(SigningKeys.JwsAlgorithm.ES256);
    assertThat(jwt.getAlgorithm()).isEqualTo("ES256");
    assertThat(jwt.getType()).isEqualTo("at+jwt");
    assertThat(jwt.getKeyId()).isEqualTo(ecKid);
    // JOSE's ECDSA signature is r and s, 32 bytes each (RFC 7518 §3.4), not DER.
    assertThat(Base64.getUrlDecoder().decode(jwt.getSignature())).hasSize(64);
    assertThat(tokens.verify(token, NOW.plusSeconds(60))).isEqualTo(CLAIMS);
    assertThat(tokens.inspect(token, NOW).user()).isEqualTo(CLAIMS);
  }

  @Test
  void bothAlgorithms_verifyWithAnotherLibrary_fromThePublishedJwks() throws Exception {
    JwtAccessTokens rsaSigner = new JwtAccessTokens(SigningKeys.of(TestKeys.CURRENT),
        AccessTokenSettings.defaults());
    JWKSet published = JWKSet.parse(Map.of("keys", tokens.jwks().get("keys")));

    SignedJWT es256 = SignedJWT.parse(tokens.issue(CLAIMS, NOW).token());
    SignedJWT rs256 = SignedJWT.parse(rsaSigner.issue(CLAIMS, NOW).token());

    JWK ecJwk = published.getKeyByKeyId(es256.getHeader().getKeyID());
    JWK rsaJwk = published.getKeyByKeyId(rs256.getHeader().getKeyID());
    assertThat(es256.verify(new ECDSAVerifier(ecJwk.toECKey()))).isTrue();
    assertThat(rs256.verify(new RSASSAVerifier(rsaJwk.toRSAKey()))).isTrue();
    // The control: another P-256 key does not verify it.
    JWSVerifier stranger = new ECDSAVerifier((ECPublicKey) TestKeys.EC_STRANGER.getPublic());
    assertThat(SignedJWT.parse(es256.serialize()).verify(stranger)).isFalse();
  }

  @Test
  void afterARotationFromRs256ToEs256_theRsaKeysTokensStillVerify_andBackAgain() {
    String rs256 = new JwtAccessTokens(SigningKeys.of(TestKeys.CURRENT),
        AccessTokenSettings.defaults()).issue(CLAIMS, NOW).token();
    String es256 = tokens.issue(CLAIMS, NOW).token();
    JwtAccessTokens rotatedBack = new JwtAccessTokens(new SigningKeys(TestKeys.CURRENT,
        List.of((ECPublicKey) TestKeys.EC_CURRENT.getPublic())), AccessTokenSettings.defaults());

    assertThat(JWT.decode(rs256).getAlgorithm()).isEqualTo("RS256");
    assertThat(tokens.verify(rs256, NOW)).isEqualTo(CLAIMS);
    assertThat(tokens.verify(es256, NOW)).isEqualTo(CLAIMS);
    assertThat(rotatedBack.verify(es256, NOW)).isEqualTo(CLAIMS);
    assertThat(rotatedBack.verify(rs256, NOW)).isEqualTo(CLAIMS);
    assertThat(JWT.decode(rotatedBack.issue(CLAIMS, NOW).token()).getAlgorithm())
        .isEqualTo("RS256");
  }

  @Test
  void anRs256Header_underTheEcKeysKid_isRefused() {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());
    Algorithm rsa = Algorithm.RSA256((RSAPublicKey) TestKeys.CURRENT.getPublic(),
        (RSAPrivateKey) TestKeys.CURRENT.getPrivate());

    assertAccepted(signed(rsaKid, payload, rsa));
    assertRefused(signed(ecKid, payload, rsa));
  }

  @Test
  void anEs256Header_underTheRsaKeysKid_isRefused() {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());
    Algorithm ec = Algorithm.ECDSA256((ECPublicKey) TestKeys.EC_CURRENT.getPublic(),
        (ECPrivateKey) TestKeys.EC_CURRENT.getPrivate());

    assertAccepted(signed(ecKid, payload, ec));
    assertRefused(signed(rsaKid, payload, ec));
  }

  @Test
  void algNone_underEitherKid_isRefused() {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());

    assertRefused(signed(ecKid, payload, Algorithm.none()));
    assertRefused(signed(rsaKid, payload, Algorithm.none()));
  }

  @Test
  void hs256_withTheEcPublicKeyAsTheSecret_isRefused() {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());
    ECPublicKey publicKey = (ECPublicKey) TestKeys.EC_CURRENT.getPublic();

    for (byte[] secret : List.of(publicKey.getEncoded(),
        PemKeys.publicKeyPem(publicKey).getBytes(StandardCharsets.US_ASCII))) {
      assertRefused(signed(ecKid, payload, Algorithm.HMAC256(secret)));
    }
  }

  @Test
  void anEs256TokenSignedByAnotherEcKey_underTheServicesKid_isRefused() {
    Map<String, Object> payload = payloadOf(tokens.issue(CLAIMS, NOW).token());
    Algorithm stranger = Algorithm.ECDSA256((ECPublicKey) TestKeys.EC_STRANGER.getPublic(),
        (ECPrivateKey) TestKeys.EC_STRANGER.getPrivate());

    assertRefused(signed(ecKid, payload, stranger));
  }

  @Test
  void malformedEcdsaSignatures_areRefused() throws Exception {
    String token = tokens.issue(CLAIMS, NOW).token();
    String signingInput = token.substring(0, token.lastIndexOf('.'));
    // What the JCA returns, before java-jwt turns it into r || s: valid, but not JOSE's form.
    Signature der = Signature.getInstance("SHA256withECDSA");
    der.initSign(TestKeys.EC_CURRENT.getPrivate());
    der.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    String derSignature = B64URL.encodeToString(der.sign());
    // r = s = 0 verifies every message where the check is missing (CVE-2022-21449).
    String zeros = B64URL.encodeToString(new byte[64]);
    // The same 64 bytes spelt with padding: only the spelling the service writes is its token.
    String padded = token + "==";

    assertAccepted(token);
    assertRefused(signingInput + "." + derSignature);
    assertRefused(signingInput + "." + zeros);
    assertRefused(signingInput + "." + B64URL.encodeToString(new byte[63]));
    assertRefused(padded);
  }

  @Test
  void aCopyOfTheSigningKeyAmongThePreviousKeys_isPublishedOnce() {
    SigningKeys withCopy = new SigningKeys(TestKeys.EC_CURRENT,
        List.of(TestKeys.EC_CURRENT.getPublic(), TestKeys.CURRENT.getPublic()));

    assertThat(withCopy.verificationKeys().keySet()).containsExactly(ecKid, rsaKid);
  }

  private void assertAccepted(String token) {
    assertThat(tokens.verify(token, NOW)).isEqualTo(CLAIMS);
  }

  private void assertRefused(String token) {
    assertThatThrownBy(() -> tokens.verify(token, NOW))
        .isInstanceOf(UnauthenticatedException.class).hasNoCause();
    assertThatThrownBy(() -> tokens.inspect(token, NOW))
        .isInstanceOf(UnauthenticatedException.class);
  }

  private static String signed(String kid, Map<String, Object> payload, Algorithm algorithm) {
    return JWT.create().withHeader(Map.of("typ", "at+jwt")).withKeyId(kid).withPayload(payload)
        .sign(algorithm);
  }

  private static Map<String, Object> payloadOf(String token) {
    Map<String, Object> payload = new HashMap<>();
    JWT.decode(token).getClaims().forEach((name, claim) -> payload.put(name, claim.as(Object.class)));
    return payload;
  }
}
