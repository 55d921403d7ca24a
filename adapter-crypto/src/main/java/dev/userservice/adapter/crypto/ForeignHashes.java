package dev.userservice.adapter.crypto;

import dev.userservice.domain.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Password hashes made by other systems, kept until the user's next successful login replaces
 * them with Argon2id: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}), PBKDF2 with HMAC-SHA1,
 * SHA-256 or SHA-512, and scrypt. Each is computed with Bouncy Castle's primitives.
 *
 * <p>Every accepted input is stored in one canonical, {@code $}-prefixed form, so a stored hash
 * names its algorithm and every parameter:
 * <ul>
 *   <li>bcrypt: the modular crypt string as given;
 *   <li>PBKDF2: {@code $pbkdf2-<digest>$i=<iterations>$<salt>$<hash>};
 *   <li>scrypt: {@code $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>};
 * </ul>
 * with salt and hash in standard Base64 without padding (the PHC string format). Accepted as
 * well, and converted: Django's {@code pbkdf2_sha256$<iterations>$<salt>$<hash>} (and
 * {@code pbkdf2_sha1}) and {@code scrypt$<salt>$<N>$<r>$<p>$<hash>}, passlib's
 * {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>} (adapted Base64). Keycloak's PBKDF2
 * credentials are JSON; whoever reads them writes the canonical PBKDF2 form from their
 * {@code algorithm}, {@code hashIterations}, {@code salt} and {@code value}.
 *
 * <p>Parameters are bounded, so a hostile or corrupted hash cannot make one login run for
 * minutes or allocate without limit.
 */
final class ForeignHashes {

  /** A hash this class can check: whether a password's UTF-8 bytes match it. */
  interface Check {
    boolean matches(byte[] password);
  }

  static final int MAX_BCRYPT_COST = 16;
  static final int MAX_PBKDF2_ITERATIONS = 10_000_000;
  static final int MAX_SCRYPT_LOG_N = 20;
  static final int MAX_SCRYPT_R = 32;
  static final int MAX_SCRYPT_P = 16;
  // scrypt works in 128 * N * r bytes, on the heap, once per hashing thread: this admits
  // Django's and passlib's defaults and keeps a few at once within a small instance's heap.
  static final long MAX_SCRYPT_MEMORY_BYTES = 64L << 20;
  private static final int MAX_SALT_BYTES = 1024;
  private static final int MIN_HASH_BYTES = 16;
  private static final int MAX_HASH_BYTES = 128;
  // bcrypt reads at most this many bytes of a password; its makers ignored the rest.
  private static final int BCRYPT_MAX_PASSWORD_BYTES = 72;
  private static final int MAX_INPUT_CHARS = 4096;

  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}");
  private static final Pattern PBKDF2 = Pattern.compile(
      "\\$pbkdf2-(sha1|sha256|sha512)\\$(?:i=)?(\\d{1,9})\\$([A-Za-z0-9+/.]{0,1400})"
          + "\\$([A-Za-z0-9+/.]{1,200})");
  private static final Pattern DJANGO_PBKDF2 = Pattern.compile(
      "pbkdf2_(sha1|sha256)\\$(\\d{1,9})\\$([^$]{1,1024})\\$([A-Za-z0-9+/]{1,200}={0,2})");
  private static final Pattern SCRYPT = Pattern.compile(
      "\\$scrypt\\$ln=(\\d{1,2}),r=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{0,1400})"
          + "\\$([A-Za-z0-9+/]{1,200})");
  private static final Pattern DJANGO_SCRYPT = Pattern.compile(
      "scrypt\\$([^$]{1,1024})\\$(\\d{1,8})\\$(\\d{1,3})\\$(\\d{1,3})"
          + "\\$([A-Za-z0-9+/]{1,200}={0,2})");

  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

  private ForeignHashes() {}

  /**
   * The canonical stored form of {@code text}, a hash in one of the accepted formats.
   *
   * @throws IllegalArgumentException saying what is wrong, for a format this class does not
   *     know or parameters beyond its bounds
   */
  static PasswordHash adopt(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is required");
    }
    if (text.length() > MAX_INPUT_CHARS) {
      throw new IllegalArgumentException("is too long");
    }
    String trimmed = text.strip();
    Matcher m;
    if ((m = DJANGO_PBKDF2.matcher(trimmed)).matches()) {
      return pbkdf2(m.group(1), iterations(m.group(2)),
          m.group(3).getBytes(StandardCharsets.UTF_8), decode(m.group(4), "hash"));
    }
    if ((m = DJANGO_SCRYPT.matcher(trimmed)).matches()) {
      long n = Long.parseLong(m.group(2));
      if (n < 2 || Long.bitCount(n) != 1) {
        throw new IllegalArgumentException("has an scrypt N that is not a power of two");
      }
      return scrypt(Long.numberOfTrailingZeros(n), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), m.group(1).getBytes(StandardCharsets.UTF_8),
          decode(m.group(5), "hash"));
    }
    // Already canonical (bcrypt, PBKDF2 or scrypt), or passlib's PBKDF2; out of bounds throws.
    if (trimmed.startsWith("$") && parse(trimmed) != null) {
      return canonical(trimmed);
    }
    throw new IllegalArgumentException("is not a supported password hash format "
        + "(bcrypt, PBKDF2, scrypt or Argon2)");
  }

  /** How to check {@code hash}, if it is in one of the canonical forms within bounds. */
  static Optional<Check> check(PasswordHash hash) {
    try {
      return Optional.ofNullable(parse(hash.value()));
    } catch (IllegalArgumentException outOfBounds) {
      return Optional.empty();
    }
  }

  private static PasswordHash canonical(String text) {
    Matcher m = PBKDF2.matcher(text);
    if (m.matches()) {
      // Written anew: passlib's form has a bare iteration count and adapted Base64 ('.' for '+').
      return pbkdf2(m.group(1), iterations(m.group(2)), decode(m.group(3), "salt"),
          decode(m.group(4), "hash"));
    }
    return new PasswordHash(text);
  }

  // Null for text in no known form; IllegalArgumentException for a known form out of bounds.
  private static Check parse(String text) {
    Matcher m;
    if ((m = BCRYPT.matcher(text)).matches()) {
      int cost = Integer.parseInt(m.group(1));
      if (cost < 4 || cost > MAX_BCRYPT_COST) {
        throw new IllegalArgumentException("has a bcrypt cost outside 4 to " + MAX_BCRYPT_COST);
      }
      return password -> OpenBSDBCrypt.checkPassword(text,
          Arrays.copyOf(password, Math.min(password.length, BCRYPT_MAX_PASSWORD_BYTES)));
    }
    if ((m = PBKDF2.matcher(text)).matches()) {
      String digest = m.group(1);
      int iterations = iterations(m.group(2));
      byte[] salt = bounded(decode(m.group(3), "salt"), 0, MAX_SALT_BYTES, "salt");
      byte[] expected = bounded(decode(m.group(4), "hash"), MIN_HASH_BYTES, MAX_HASH_BYTES,
          "hash");
      return password -> {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(digest(digest));
        generator.init(password, salt, iterations);
        byte[] actual = ((KeyParameter) generator.generateDerivedMacParameters(
            expected.length * 8)).getKey();
        return MessageDigest.isEqual(actual, expected);
      };
    }
    if ((m = SCRYPT.matcher(text)).matches()) {
      int logN = Integer.parseInt(m.group(1));
      int r = Integer.parseInt(m.group(2));
      int p = Integer.parseInt(m.group(3));
      checkScrypt(logN, r, p);
      byte[] salt = bounded(decode(m.group(4), "salt"), 0, MAX_SALT_BYTES, "salt");
      byte[] expected = bounded(decode(m.group(5), "hash"), MIN_HASH_BYTES, MAX_HASH_BYTES,
          "hash");
      return password -> MessageDigest.isEqual(
          SCrypt.generate(password, salt, 1 << logN, r, p, expected.length), expected);
    }
    return null;
  }

  private static PasswordHash pbkdf2(String digest, int iterations, byte[] salt, byte[] hash) {
    bounded(salt, 0, MAX_SALT_BYTES, "salt");
    bounded(hash, MIN_HASH_BYTES, MAX_HASH_BYTES, "hash");
    return new PasswordHash("$pbkdf2-" + digest + "$i=" + iterations + "$"
        + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash));
  }

  private static PasswordHash scrypt(int logN, int r, int p, byte[] salt, byte[] hash) {
    checkScrypt(logN, r, p);
    bounded(salt, 0, MAX_SALT_BYTES, "salt");
    bounded(hash, MIN_HASH_BYTES, MAX_HASH_BYTES, "hash");
    return new PasswordHash("$scrypt$ln=" + logN + ",r=" + r + ",p=" + p + "$"
        + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash));
  }

  private static void checkScrypt(int logN, int r, int p) {
    if (logN < 1 || logN > MAX_SCRYPT_LOG_N || r < 1 || r > MAX_SCRYPT_R || p < 1
        || p > MAX_SCRYPT_P || 128L * (1L << logN) * r > MAX_SCRYPT_MEMORY_BYTES) {
      throw new IllegalArgumentException("has scrypt parameters beyond the supported bounds");
    }
  }

  private static int iterations(String digits) {
    long value;
    try {
      value = Long.parseLong(digits.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("has an invalid iteration count");
    }
    if (value < 1 || value > MAX_PBKDF2_ITERATIONS) {
      throw new IllegalArgumentException(
          "has an iteration count outside 1 to " + MAX_PBKDF2_ITERATIONS);
    }
    return (int) value;
  }

  private static Digest digest(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sha1" -> new SHA1Digest();
      case "sha256" -> new SHA256Digest();
      case "sha512" -> new SHA512Digest();
      default -> throw new IllegalArgumentException("has an unsupported digest");
    };
  }

  private static byte[] decode(String text, String what) {
    try {
      return Base64.getDecoder().decode(text.replace('.', '+'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("has a " + what + " that is not valid Base64");
    }
  }

  private static byte[] bounded(byte[] bytes, int min, int max, String what) {
    if (bytes.length < min || bytes.length > max) {
      throw new IllegalArgumentException(
          "has a " + what + " of " + bytes.length + " bytes, outside " + min + " to " + max);
    }
    return bytes;
  }
}
