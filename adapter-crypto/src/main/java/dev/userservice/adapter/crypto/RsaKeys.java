package dev.userservice.adapter.crypto;

import dev.userservice.domain.Sha256;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RSA key that signs access tokens and the previous public keys that still verify them, so the
 * signing key can be rotated without logging anyone out. Every key is at least {@value #MIN_BITS}
 * bits and is known by its RFC 7638 JWK thumbprint, which is the {@code kid} of the tokens it
 * signed.
 */
public final class RsaKeys {

  /** The smallest RSA modulus accepted, in bits. */
  public static final int MIN_BITS = 2048;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final RSAPublicKey signingPublic;
  private final RSAPrivateKey signingPrivate;
  private final String signingKid;
  private final Map<String, RSAPublicKey> verificationKeys;

  /**
   * @param signing the current key pair, RSA, at least {@value #MIN_BITS} bits
   * @param previous public keys of earlier signing keys still accepted (may be empty); a copy of
   *     the current public key among them is ignored
   */
  public RsaKeys(KeyPair signing, List<RSAPublicKey> previous) {
    if (signing == null
        || !(signing.getPublic() instanceof RSAPublicKey)
        || !(signing.getPrivate() instanceof RSAPrivateKey)) {
      throw new IllegalArgumentException("the signing key must be an RSA key pair");
    }
    this.signingPublic = checkSize((RSAPublicKey) signing.getPublic());
    this.signingPrivate = (RSAPrivateKey) signing.getPrivate();
    if (!signingPublic.getModulus().equals(signingPrivate.getModulus())) {
      throw new IllegalArgumentException("the signing public and private keys do not match");
    }
    this.signingKid = thumbprint(signingPublic);
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    keys.put(signingKid, signingPublic);
    for (RSAPublicKey key : List.copyOf(previous)) {
      keys.putIfAbsent(thumbprint(checkSize(key)), key);
    }
    this.verificationKeys = Collections.unmodifiableMap(keys);
  }

  /** Only {@code signing}, no previous keys. */
  public static RsaKeys of(KeyPair signing) {
    return new RsaKeys(signing, List.of());
  }

  /**
   * The signing key from a PKCS#8 PEM file, plus the public keys of a PEM file of previous keys
   * when {@code previousPublicKeysPem} is not null.
   */
  public static RsaKeys load(Path privateKeyPem, Path previousPublicKeysPem) {
    KeyPair signing = PemKeys.readPrivateKey(privateKeyPem);
    List<RSAPublicKey> previous = previousPublicKeysPem == null
        ? List.of()
        : PemKeys.readPublicKeys(previousPublicKeysPem);
    return new RsaKeys(signing, previous);
  }

  /** The RFC 7638 JWK SHA-256 thumbprint of {@code key}, base64url without padding. */
  public static String thumbprint(RSAPublicKey key) {
    // Members in lexicographic order, no whitespace, as RFC 7638 section 3 requires.
    String canonical = "{\"e\":\"" + unsignedBase64Url(key.getPublicExponent())
        + "\",\"kty\":\"RSA\",\"n\":\"" + unsignedBase64Url(key.getModulus()) + "\"}";
    return BASE64URL.encodeToString(Sha256.digest(canonical));
  }

  RSAPublicKey signingPublic() {
    return signingPublic;
  }

  RSAPrivateKey signingPrivate() {
    return signingPrivate;
  }

  /** The key id of the signing key. */
  public String signingKid() {
    return signingKid;
  }

  /** Every key that verifies tokens by its key id: the signing key first, then the previous. */
  public Map<String, RSAPublicKey> verificationKeys() {
    return verificationKeys;
  }

  /** The public keys as JWK objects (the signing key first), ready to serialize. */
  List<Map<String, Object>> jwks() {
    List<Map<String, Object>> keys = new ArrayList<>();
    verificationKeys.forEach((kid, key) -> {
      Map<String, Object> jwk = new LinkedHashMap<>();
      jwk.put("kty", "RSA");
      jwk.put("use", "sig");
      jwk.put("alg", "RS256");
      jwk.put("kid", kid);
      jwk.put("n", unsignedBase64Url(key.getModulus()));
      jwk.put("e", unsignedBase64Url(key.getPublicExponent()));
      keys.add(Collections.unmodifiableMap(jwk));
    });
    return List.copyOf(keys);
  }

  static String unsignedBase64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    // toByteArray is two's complement: a leading zero byte only carries the sign.
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return BASE64URL.encodeToString(bytes);
  }

  private static RSAPublicKey checkSize(RSAPublicKey key) {
    int bits = key.getModulus().bitLength();
    if (bits < MIN_BITS) {
      throw new IllegalArgumentException(
          "RSA keys must have at least " + MIN_BITS + " bits; this one has " + bits);
    }
    return key;
  }
}
