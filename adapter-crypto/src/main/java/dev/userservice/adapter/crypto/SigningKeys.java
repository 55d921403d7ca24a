package dev.userservice.adapter.crypto;

import dev.userservice.domain.Sha256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The key that signs access tokens and the previous public keys that still verify them, so the
 * signing key can be rotated without logging anyone out. The key's type decides the algorithm,
 * so no setting can disagree with it: an RSA key of at least {@value #MIN_RSA_BITS} bits signs
 * RS256, an EC key on P-256 signs ES256, and any other key is refused. The previous keys may be of
 * either type, so a deployment can move from one algorithm to the other; each verifies only its
 * own algorithm. Every key is known by its RFC 7638 JWK thumbprint, which is the {@code kid} of
 * the tokens it signed.
 */
public final class SigningKeys {

  /** The smallest RSA modulus accepted, in bits. */
  public static final int MIN_RSA_BITS = 2048;

  /** The JWS algorithms (RFC 7518 §3.1) a key may sign with: one per key type. */
  public enum JwsAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3), for RSA keys. */
    RS256("SHA256withRSA"),
    /** ECDSA on P-256 with SHA-256 (RFC 7518 §3.4), for EC keys on that curve. */
    ES256("SHA256withECDSA");

    private final String jcaName;

    JwsAlgorithm(String jcaName) {
      this.jcaName = jcaName;
    }

    /** The name {@link Signature#getInstance(String)} knows the algorithm by. */
    public String jcaName() {
      return jcaName;
    }
  }

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final ECParameterSpec P256 = namedCurve("secp256r1");
  /** The byte length of a P-256 coordinate, as RFC 7518 §6.2.1.2 writes it in a JWK. */
  private static final int P256_COORDINATE_BYTES = 32;

  private final PublicKey signingPublic;
  private final PrivateKey signingPrivate;
  private final JwsAlgorithm algorithm;
  private final String signingKid;
  private final Map<String, PublicKey> verificationKeys;

  /**
   * @param signing the current key pair: RSA of at least {@value #MIN_RSA_BITS} bits, or EC on
   *     P-256
   * @param previous public keys of earlier signing keys still accepted, of either type (may be
   *     empty); a copy of the current public key among them is ignored
   */
  public SigningKeys(KeyPair signing, List<? extends PublicKey> previous) {
    if (signing == null || signing.getPublic() == null || signing.getPrivate() == null) {
      throw new IllegalArgumentException("the signing key pair is required");
    }
    this.signingPublic = signing.getPublic();
    this.signingPrivate = signing.getPrivate();
    this.algorithm = algorithmOf(signingPublic);
    requireMatch(algorithm, signingPublic, signingPrivate);
    this.signingKid = thumbprint(signingPublic);
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    keys.put(signingKid, signingPublic);
    for (PublicKey key : List.copyOf(previous)) {
      keys.putIfAbsent(thumbprint(key), key);
    }
    this.verificationKeys = Collections.unmodifiableMap(keys);
  }

  /** Only {@code signing}, no previous keys. */
  public static SigningKeys of(KeyPair signing) {
    return new SigningKeys(signing, List.of());
  }

  /**
   * The signing key from a PKCS#8 PEM file, plus the public keys of a PEM file of previous keys
   * when {@code previousPublicKeysPem} is not null.
   */
  public static SigningKeys load(Path privateKeyPem, Path previousPublicKeysPem) {
    KeyPair signing = PemKeys.readPrivateKey(privateKeyPem);
    SigningKeys alone = inFile(privateKeyPem, () -> of(signing));
    if (previousPublicKeysPem == null) {
      return alone;
    }
    List<PublicKey> previous = PemKeys.readPublicKeys(previousPublicKeysPem);
    return inFile(previousPublicKeysPem, () -> new SigningKeys(signing, previous));
  }

  /** The rule a key broke, said with the file that holds it. */
  private static SigningKeys inFile(Path file, Supplier<SigningKeys> keys) {
    try {
      return keys.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The algorithm {@code key} signs or verifies: RS256 for an RSA key of at least
   * {@value #MIN_RSA_BITS} bits, ES256 for an EC key on P-256.
   *
   * @throws IllegalArgumentException for any other key, saying why
   */
  public static JwsAlgorithm algorithmOf(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw new IllegalArgumentException(
            "RSA keys must have at least " + MIN_RSA_BITS + " bits; this one has " + bits);
      }
      return JwsAlgorithm.RS256;
    }
    if (key instanceof ECPublicKey ec) {
      if (!isP256(ec.getParams())) {
        throw new IllegalArgumentException("EC keys must be on the curve P-256 (secp256r1,"
            + " prime256v1) to sign ES256; this one is on " + ec.getParams());
      }
      return JwsAlgorithm.ES256;
    }
    throw new IllegalArgumentException("access tokens are signed with RSA (RS256) or EC P-256"
        + " (ES256) keys; this one is " + (key == null ? "missing" : key.getAlgorithm()));
  }

  /** The RFC 7638 JWK SHA-256 thumbprint of {@code key}, base64url without padding. */
  public static String thumbprint(PublicKey key) {
    // The required members only, in lexicographic order, no whitespace (RFC 7638 section 3).
    // Every value is a name or base64url, so none needs escaping.
    StringJoiner canonical = new StringJoiner(",", "{", "}");
    new TreeMap<>(publicMembers(key)).forEach(
        (name, value) -> canonical.add("\"" + name + "\":\"" + value + "\""));
    return BASE64URL.encodeToString(Sha256.digest(canonical.toString()));
  }

  /** The algorithm the signing key signs. */
  public JwsAlgorithm algorithm() {
    return algorithm;
  }

  PublicKey signingPublic() {
    return signingPublic;
  }

  PrivateKey signingPrivate() {
    return signingPrivate;
  }

  /** The key id of the signing key. */
  public String signingKid() {
    return signingKid;
  }

  /**
   * Every key that verifies tokens by its key id: the signing key first, then the previous; each
   * verifies the algorithm {@link #algorithmOf} names for it.
   */
  public Map<String, PublicKey> verificationKeys() {
    return verificationKeys;
  }

  /** The public keys as JWK objects (the signing key first), ready to serialize. */
  List<Map<String, Object>> jwks() {
    List<Map<String, Object>> keys = new ArrayList<>();
    verificationKeys.forEach((kid, key) -> {
      Map<String, String> members = publicMembers(key);
      Map<String, Object> jwk = new LinkedHashMap<>();
      jwk.put("kty", members.get("kty"));
      jwk.put("use", "sig");
      jwk.put("alg", algorithmOf(key).name());
      jwk.put("kid", kid);
      members.forEach(jwk::putIfAbsent);
      keys.add(Collections.unmodifiableMap(jwk));
    });
    return List.copyOf(keys);
  }

  /**
   * The members of {@code key}'s JWK that RFC 7638 §3.2 requires ({@code kty} and the public key
   * itself), in the order the JWKS writes them: RSA {@code n}, {@code e} (RFC 7518 §6.3.1); EC
   * {@code crv}, {@code x}, {@code y} (RFC 7518 §6.2.1).
   */
  private static Map<String, String> publicMembers(PublicKey key) {
    Map<String, String> members = new LinkedHashMap<>();
    if (algorithmOf(key) == JwsAlgorithm.RS256) {
      RSAPublicKey rsa = (RSAPublicKey) key;
      members.put("kty", "RSA");
      members.put("n", unsignedBase64Url(rsa.getModulus()));
      members.put("e", unsignedBase64Url(rsa.getPublicExponent()));
    } else {
      ECPublicKey ec = (ECPublicKey) key;
      members.put("kty", "EC");
      members.put("crv", "P-256");
      members.put("x", coordinateBase64Url(ec.getW().getAffineX()));
      members.put("y", coordinateBase64Url(ec.getW().getAffineY()));
    }
    return members;
  }

  /** RFC 7518 §6.3.1: the unsigned big-endian bytes, as few as the value needs. */
  static String unsignedBase64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    // toByteArray is two's complement: a leading zero byte only carries the sign.
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return BASE64URL.encodeToString(bytes);
  }

  /**
   * RFC 7518 §6.2.1.2: a P-256 coordinate is always the full 32 bytes, left-padded with zeros,
   * so one key has one thumbprint.
   */
  static String coordinateBase64Url(BigInteger value) {
    byte[] magnitude = value.toByteArray();
    int start = magnitude.length > P256_COORDINATE_BYTES ? magnitude.length - P256_COORDINATE_BYTES
        : 0;
    byte[] fixed = new byte[P256_COORDINATE_BYTES];
    int length = magnitude.length - start;
    System.arraycopy(magnitude, start, fixed, P256_COORDINATE_BYTES - length, length);
    return BASE64URL.encodeToString(fixed);
  }

  private static boolean isP256(ECParameterSpec params) {
    return params.getCurve().equals(P256.getCurve())
        && params.getGenerator().equals(P256.getGenerator())
        && params.getOrder().equals(P256.getOrder())
        && params.getCofactor() == P256.getCofactor();
  }

  /** The halves of one pair sign and verify together, whatever the key type. */
  private static void requireMatch(JwsAlgorithm algorithm, PublicKey publicKey,
      PrivateKey privateKey) {
    byte[] probe = "signing-keys-pair-check".getBytes(StandardCharsets.US_ASCII);
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm.jcaName());
      signer.initSign(privateKey);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm.jcaName());
      verifier.initVerify(publicKey);
      verifier.update(probe);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new IllegalArgumentException("the signing public and private keys do not match");
    }
  }

  private static ECParameterSpec namedCurve(String name) {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(name));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM does not know the curve " + name, e);
    }
  }
}
