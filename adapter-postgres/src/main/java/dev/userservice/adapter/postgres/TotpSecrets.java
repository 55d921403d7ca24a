package dev.userservice.adapter.postgres;

import dev.userservice.domain.TotpFactor;
import dev.userservice.domain.UserId;
import dev.userservice.domain.port.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * How a {@link TotpFactor} is kept in the {@code users} row: the secret sealed by the
 * {@link SecretBox} and bound to the account's id (a sealed secret copied to another row does not
 * open), the recovery code hashes separated by spaces.
 */
final class TotpSecrets {

  private final SecretBox box;

  TotpSecrets(SecretBox box) {
    this.box = box;
  }

  byte[] seal(UserId user, TotpFactor factor) {
    return box.seal(factor.secret(), context(user));
  }

  /** The factor stored in a row; {@code null} when the row has none. */
  TotpFactor factorOf(UserId user, byte[] sealedSecret, Instant confirmedAt,
      String recoveryCodes) {
    if (sealedSecret == null) {
      return null;
    }
    byte[] secret = box.open(sealedSecret, context(user));
    try {
      return new TotpFactor(secret, confirmedAt, recoveryCodes == null || recoveryCodes.isEmpty()
          ? List.of() : List.of(recoveryCodes.split(" ")));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The stored form of the recovery code hashes; {@code null} while enrolling. */
  static String recoveryCodes(TotpFactor factor) {
    return factor.isConfirmed() ? String.join(" ", factor.recoveryCodeHashes()) : null;
  }

  private static byte[] context(UserId user) {
    return ("totp|" + user).getBytes(StandardCharsets.UTF_8);
  }
}
