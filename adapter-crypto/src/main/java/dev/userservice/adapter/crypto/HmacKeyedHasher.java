package dev.userservice.adapter.crypto;

import dev.userservice.domain.port.KeyedHasher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@link KeyedHasher} as HMAC-SHA-256 under a key {@link ServerSecret} derived. */
final class HmacKeyedHasher implements KeyedHasher {

  private static final String HMAC = "HmacSHA256";

  // A Mac is not thread-safe, and making one per call looks its provider up again.
  private final ThreadLocal<Mac> macs;

  HmacKeyedHasher(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key, HMAC);
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance(HMAC);
        mac.init(spec);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("every JDK has " + HMAC, e);
      }
    });
  }

  @Override
  public String hash(String message) {
    return HexFormat.of().formatHex(macs.get().doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "HmacKeyedHasher[***]";
  }
}
