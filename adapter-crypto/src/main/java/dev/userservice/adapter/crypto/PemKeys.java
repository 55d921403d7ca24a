package dev.userservice.adapter.crypto;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * RSA and EC keys as PEM text: PKCS#8 private keys ({@code BEGIN PRIVATE KEY}) and X.509
 * SubjectPublicKeyInfo public keys ({@code BEGIN PUBLIC KEY}), the formats {@code openssl genpkey}
 * and {@code openssl pkey -pubout} write. Which keys may sign is {@link SigningKeys}' rule; this
 * class only reads and writes them. Failures name the file and say what is wrong.
 */
public final class PemKeys {

  private static final String PRIVATE_KEY = "PRIVATE KEY";
  private static final String PUBLIC_KEY = "PUBLIC KEY";
  private static final String RSA = "RSA";
  private static final String EC = "EC";
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private PemKeys() {
  }

  /** A new RSA key pair of {@code bits} (2048 or more; 3072 is a good choice for new keys). */
  public static KeyPair generate(int bits) {
    if (bits < SigningKeys.MIN_RSA_BITS) {
      throw new IllegalArgumentException(
          "RSA keys must have at least " + SigningKeys.MIN_RSA_BITS + " bits: " + bits);
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits, new SecureRandom());
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM cannot generate RSA keys", e);
    }
  }

  /** A new EC key pair on the curve P-256, which signs ES256. */
  public static KeyPair generateP256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate P-256 keys", e);
    }
  }

  /**
   * The RSA or EC key pair in a PKCS#8 PEM file; the public half is derived from the private key
   * (RSA: its CRT parameters; EC: its scalar times the curve's generator), so the file need not
   * carry it.
   */
  public static KeyPair readPrivateKey(Path file) {
    List<byte[]> blocks = blocks(read(file), PRIVATE_KEY, file);
    if (blocks.size() != 1) {
      throw new IllegalArgumentException(file + ": expected exactly one '-----BEGIN " + PRIVATE_KEY
          + "-----' block (PKCS#8; convert a PKCS#1 'RSA PRIVATE KEY' or a SEC1 'EC PRIVATE KEY'"
          + " with 'openssl pkcs8 -topk8 -nocrypt'), found " + blocks.size());
    }
    byte[] der = blocks.get(0);
    AlgorithmIdentifier algorithm;
    try {
      algorithm = PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": not a PKCS#8 private key", e);
    }
    String type = keyType(algorithm, file);
    try {
      KeyFactory factory = KeyFactory.getInstance(type);
      PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
      KeySpec publicKey = type.equals(RSA)
          ? rsaPublicKey(key, file)
          : ecPublicKey((ECPrivateKey) key, algorithm, file);
      return new KeyPair(factory.generatePublic(publicKey), key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not a PKCS#8 " + type + " private key", e);
    }
  }

  /**
   * Every RSA or EC public key in a PEM file of one or more {@code BEGIN PUBLIC KEY} blocks, in
   * the file's order.
   */
  public static List<PublicKey> readPublicKeys(Path file) {
    List<byte[]> blocks = blocks(read(file), PUBLIC_KEY, file);
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": no '-----BEGIN " + PUBLIC_KEY + "-----' block found");
    }
    List<PublicKey> keys = new ArrayList<>();
    for (byte[] der : blocks) {
      AlgorithmIdentifier algorithm;
      try {
        algorithm = SubjectPublicKeyInfo.getInstance(der).getAlgorithm();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": not an X.509 public key", e);
      }
      String type = keyType(algorithm, file);
      try {
        keys.add(KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der)));
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(file + ": not an " + type + " public key", e);
      }
    }
    return List.copyOf(keys);
  }

  /**
   * Writes {@code key} as a PKCS#8 PEM file readable and writable by its owner only (POSIX mode
   * 600 where the file system has POSIX permissions). Refuses to overwrite an existing file.
   */
  public static void writePrivateKey(PrivateKey key, Path file) {
    byte[] pem = privateKeyPem(key).getBytes(StandardCharsets.US_ASCII);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // Created with its final permissions, so the key is never readable by others, not even
      // for a moment.
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
        ownerOnly(file);
      }
      Files.write(file, pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the private key to " + file, e);
    }
  }

  /** {@code key} as PKCS#8 PEM text. */
  public static String privateKeyPem(PrivateKey key) {
    return pem(PRIVATE_KEY, key.getEncoded());
  }

  /** {@code key} as X.509 SubjectPublicKeyInfo PEM text, the form the previous-keys file holds. */
  public static String publicKeyPem(PublicKey key) {
    return pem(PUBLIC_KEY, key.getEncoded());
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  // Best effort: without POSIX permissions (Windows) the directory's ACL decides anyway.
  private static void ownerOnly(Path file) {
    File f = file.toFile();
    f.setReadable(false, false);
    f.setReadable(true, true);
    f.setWritable(false, false);
    f.setWritable(true, true);
    f.setExecutable(false, false);
  }

  /** The JCA name of the key type {@code algorithm} identifies, if it is one that may sign. */
  private static String keyType(AlgorithmIdentifier algorithm, Path file) {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return RSA;
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return EC;
    }
    throw new IllegalArgumentException(file + ": a key of algorithm " + oid + "; access tokens"
        + " are signed with RSA (RS256) or EC P-256 (ES256) keys");
  }

  private static RSAPublicKeySpec rsaPublicKey(PrivateKey key, Path file) {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalArgumentException(
          file + ": the private key lacks the CRT parameters needed to derive its public key");
    }
    return new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent());
  }

  /** The public point of {@code key}, computed by Bouncy Castle on the curve the file names. */
  private static ECPublicKeySpec ecPublicKey(ECPrivateKey key, AlgorithmIdentifier algorithm,
      Path file) {
    X962Parameters parameters = X962Parameters.getInstance(algorithm.getParameters());
    X9ECParameters curve = parameters.isNamedCurve()
        ? ECNamedCurveTable.getByOID((ASN1ObjectIdentifier) parameters.getParameters())
        : null;
    if (curve == null) {
      throw new IllegalArgumentException(file + ": the EC key does not name a known curve;"
          + " access tokens are signed with keys on the named curve P-256");
    }
    org.bouncycastle.math.ec.ECPoint point = curve.getG().multiply(key.getS()).normalize();
    return new ECPublicKeySpec(new ECPoint(point.getAffineXCoord().toBigInteger(),
        point.getAffineYCoord().toBigInteger()), key.getParams());
  }

  private static String read(Path file) {
    try {
      // PEM is ASCII; Latin-1 reads any byte, so a stray one is reported as a bad block instead.
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static List<byte[]> blocks(String text, String type, Path file) {
    List<byte[]> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        try {
          blocks.add(Base64.getMimeDecoder().decode(m.group(2)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ": a PEM block is not valid base64", e);
        }
      }
    }
    return blocks;
  }
}
