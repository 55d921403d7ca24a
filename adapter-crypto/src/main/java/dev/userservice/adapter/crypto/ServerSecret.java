package dev.userservice.adapter.crypto;

import dev.userservice.domain.port.KeyedHasher;
import dev.userservice.domain.port.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service's secret key ({@code SECRET_KEY_FILE}): at least 256 random bits, base64 in a
 * file. It is never used as a key itself: HKDF-SHA-256 (RFC 5869) derives one key per use from
 * it, labelled by kind and purpose, so code hashes and letter encryption never share a key and a
 * new use gets a new key without a new file. Every instance that shares the file derives the
 * same keys.
 */
public final class ServerSecret {

  /** The least secret accepted: 256 bits. */
  public static final int MIN_BYTES = 32;
  private static final String HMAC = "HmacSHA256";
  private static final byte[] SALT = "user-service server secret".getBytes(StandardCharsets.UTF_8);

  private final byte[] pseudoRandomKey;

  private ServerSecret(byte[] secret) {
    if (secret.length < MIN_BYTES) {
      throw new IllegalArgumentException("the secret key has " + secret.length * 8
          + " bits; at least " + MIN_BYTES * 8 + " are needed");
    }
    this.pseudoRandomKey = hmac(SALT, secret);
  }

  /** A secret from raw bytes (at least {@link #MIN_BYTES}); for tests and embedding. */
  public static ServerSecret of(byte[] secret) {
    return new ServerSecret(secret.clone());
  }

  /**
   * Reads the secret from {@code file}: base64 text (standard or URL-safe alphabet, surrounding
   * whitespace ignored), as {@code openssl rand -base64 32} writes it.
   *
   * @throws IllegalArgumentException naming the file when it cannot be read, is not base64, or
   *     holds fewer than 256 bits
   */
  public static ServerSecret load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the secret key file " + file + ": " + e);
    }
    byte[] secret = decode(text);
    if (secret == null) {
      throw new IllegalArgumentException("the secret key file " + file + " must hold base64"
          + " text, such as `openssl rand -base64 32` writes");
    }
    try {
      return new ServerSecret(secret);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secret key file " + file + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * Writes a new secret of 256 random bits to {@code file}, readable by its owner only from the
   * moment it exists; for {@code start-dev}, which keeps it beside its data.
   */
  public static void generate(Path file) {
    byte[] secret = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    byte[] text = (Base64.getEncoder().encodeToString(secret) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
        var f = file.toFile();
        f.setReadable(false, false);
        f.setReadable(true, true);
        f.setWritable(false, false);
        f.setWritable(true, true);
      }
      Files.write(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the secret key to " + file, e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** HMAC-SHA-256 under the key derived for {@code purpose} (e.g. "codes"). */
  public KeyedHasher hasher(String purpose) {
    return new HmacKeyedHasher(derive("hmac-sha256:" + purpose));
  }

  /** AES-256-GCM under the key derived for {@code purpose} (e.g. "mail-outbox"). */
  public SecretBox box(String purpose) {
    return new AesGcmSecretBox(derive("aes-256-gcm:" + purpose));
  }

  /** HKDF-Expand for one 256-bit block: HMAC(PRK, info || 0x01). */
  byte[] derive(String label) {
    byte[] info = ("user-service:" + label).getBytes(StandardCharsets.UTF_8);
    byte[] input = Arrays.copyOf(info, info.length + 1);
    input[info.length] = 1;
    return hmac(pseudoRandomKey, input);
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + HMAC, e);
    }
  }

  private static byte[] decode(String text) {
    for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getDecoder(),
        Base64.getUrlDecoder()}) {
      try {
        return decoder.decode(text);
      } catch (IllegalArgumentException notThisAlphabet) {
        // try the next one
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "ServerSecret[***]";
  }
}
