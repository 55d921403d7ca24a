package dev.userservice.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.adapter.crypto.ServerSecret;
import dev.userservice.domain.TotpFactor;
import dev.userservice.domain.User;
import dev.userservice.domain.port.TestUsers;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One-time password secrets are kept sealed under the server secret: a dump of the table, or a
 * read-only login, learns nothing that computes a code.
 */
class SealedTotpSecretTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final JooqUserRepository users =
      new JooqUserRepository(TestDatabase.get().dsl(), TestDatabase.totpBox());
  private final byte[] secret = HexFormat.of().parseHex("3132333435363738393031323334353637383930");

  @BeforeEach
  void emptyTables() {
    TestDatabase.clean();
  }

  @Test
  void theStoredSecret_isNeitherTheSecretNorReadableWithoutTheServerSecret() {
    User alice = confirmedUser();
    users.insert(alice);

    byte[] stored = storedSecret(alice);
    assertThat(HexFormat.of().formatHex(stored))
        .doesNotContain(HexFormat.of().formatHex(secret));
    assertThat(users.findById(alice.id()).orElseThrow().totp().orElseThrow().secret())
        .isEqualTo(secret);

    JooqUserRepository otherKey = new JooqUserRepository(TestDatabase.get().dsl(),
        ServerSecret.of(new byte[32]).box("totp"));
    assertThatThrownBy(() -> otherKey.findById(alice.id()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSealedSecretCopiedToAnotherAccount_doesNotOpen() {
    User alice = confirmedUser();
    User mallory = TestUsers.user().build();
    users.insert(alice);
    users.insert(mallory);

    TestDatabase.get().dsl().execute("UPDATE users SET totp_secret = ?, totp_confirmed_at = ?"
        + " WHERE id = ?", storedSecret(alice), T0, mallory.id().value());

    assertThatThrownBy(() -> users.findById(mallory.id()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recoveryCodes_areStoredAsTheHashesGiven() {
    User alice = confirmedUser();
    users.insert(alice);

    assertThat(TestDatabase.get().dsl().fetchValue(
        "SELECT recovery_codes FROM users WHERE id = ?", alice.id().value()))
        .isEqualTo("h1 h2");
  }

  private User confirmedUser() {
    return TestUsers.user().build().withTotp(
        TotpFactor.pending(secret).confirmed(T0, List.of("h1", "h2")), T0);
  }

  private static byte[] storedSecret(User user) {
    return (byte[]) TestDatabase.get().dsl().fetchValue(
        "SELECT totp_secret FROM users WHERE id = ?", (UUID) user.id().value());
  }
}
