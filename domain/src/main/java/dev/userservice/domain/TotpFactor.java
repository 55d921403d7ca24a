package dev.userservice.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An account's time-based one-time password (RFC 6238) and its recovery codes. Until
 * {@code confirmedAt} is set the secret is only being enrolled: it does not guard logins yet and
 * there are no recovery codes.
 *
 * @param secret the shared secret, raw bytes (kept encrypted by the repository at rest)
 * @param confirmedAt when the owner proved their authenticator holds the secret; {@code null}
 *     while enrolling
 * @param recoveryCodeHashes the keyed hashes of the unused recovery codes, never the codes
 */
public record TotpFactor(byte[] secret, Instant confirmedAt, List<String> recoveryCodeHashes) {

  /** RFC 4226 asks for at least 128 bits and recommends 160. */
  public static final int SECRET_BYTES = 20;

  public TotpFactor {
    Objects.requireNonNull(secret, "secret");
    if (secret.length != SECRET_BYTES) {
      throw new IllegalArgumentException("a TOTP secret has " + SECRET_BYTES + " bytes");
    }
    secret = secret.clone();
    recoveryCodeHashes = List.copyOf(recoveryCodeHashes);
    if (confirmedAt == null && !recoveryCodeHashes.isEmpty()) {
      throw new IllegalArgumentException("recovery codes come with a confirmed factor");
    }
  }

  /** A secret being enrolled. */
  public static TotpFactor pending(byte[] secret) {
    return new TotpFactor(secret, null, List.of());
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  /** Whether the factor guards the account (it was confirmed). */
  public boolean isConfirmed() {
    return confirmedAt != null;
  }

  /** This factor, confirmed at {@code now}, with {@code hashes} as its recovery codes. */
  public TotpFactor confirmed(Instant now, List<String> hashes) {
    return new TotpFactor(secret, Objects.requireNonNull(now, "now"), hashes);
  }

  /** This factor with other recovery codes. */
  public TotpFactor withRecoveryCodes(List<String> hashes) {
    return new TotpFactor(secret, confirmedAt, hashes);
  }

  /** This factor without the recovery code of {@code hash}. */
  public TotpFactor withoutRecoveryCode(String hash) {
    return withRecoveryCodes(recoveryCodeHashes.stream().filter(h -> !h.equals(hash)).toList());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TotpFactor that && Arrays.equals(secret, that.secret)
        && Objects.equals(confirmedAt, that.confirmedAt)
        && recoveryCodeHashes.equals(that.recoveryCodeHashes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(secret), confirmedAt, recoveryCodeHashes);
  }

  @Override
  public String toString() {
    return "TotpFactor[confirmed=" + isConfirmed() + ", recoveryCodes="
        + recoveryCodeHashes.size() + "]";
  }
}
