package dev.userservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each change of a {@link User} moves only its own fields and keeps the rest. */
class UserTest {

  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofHours(1));
  private static final PasswordHash HASH =
      new PasswordHash("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g");

  private final User registered = User.register(new UserId(UUID.randomUUID()),
      new Email("ada@example.com"), new PersonName("Ada"), null, HASH, Role.USER, T0);

  @Test
  void register_makesAnUnverifiedAccountAtVersionZero() {
    assertThat(registered.isEmailVerified()).isFalse();
    assertThat(registered.everVerified()).isFalse();
    assertThat(registered.createdAt()).isEqualTo(T0);
    assertThat(registered.updatedAt()).isEqualTo(T0);
    assertThat(registered.version()).isZero();
    assertThat(registered.lastName()).isEmpty();
  }

  @Test
  void eachChange_movesItsFieldsAndUpdatedAt_andKeepsTheRest() {
    User verified = registered.verified(T1);
    assertThat(verified).isEqualTo(restored(registered.email(), registered.passwordHash(),
        Role.USER, T1, true, T1));

    User renamed = verified.withNames(null, new PersonName("Lovelace"), T1);
    assertThat(renamed.firstName()).isEmpty();
    assertThat(renamed.lastName()).contains(new PersonName("Lovelace"));
    assertThat(renamed.emailVerifiedAt()).contains(T1);

    PasswordHash other = new PasswordHash("$argon2id$v=19$m=8,t=1,p=1$b3RoZXJzYWx0$aGFzaA");
    assertThat(verified.withPasswordHash(other, T1))
        .isEqualTo(restored(registered.email(), other, Role.USER, T1, true, T1));
    assertThat(verified.withRole(Role.ADMIN, T1))
        .isEqualTo(restored(registered.email(), HASH, Role.ADMIN, T1, true, T1));
  }

  @Test
  void aNewEmail_comesBackUnverified_butTheAccountStaysEverVerified() {
    User verified = registered.verified(T0);
    Email moved = new Email("lovelace@example.com");

    assertThat(verified.withEmail(moved, T1))
        .isEqualTo(restored(moved, HASH, Role.USER, null, true, T1));
    assertThat(verified.withEmail(registered.email(), T1)).isSameAs(verified);
  }

  @Test
  void nextVersion_bumpsOnlyTheVersion() {
    User next = registered.nextVersion();

    assertThat(next.version()).isEqualTo(1);
    assertThat(next.updatedAt()).isEqualTo(T0);
    assertThat(next.nextVersion().version()).isEqualTo(2);
  }

  @Test
  void restore_refusesAVerifiedEmailOnANeverVerifiedAccount_andANegativeVersion() {
    assertThatThrownBy(() -> restore(registered.email(), T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> restore(registered.email(), null, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> restore(null, null, 0)).isInstanceOf(NullPointerException.class);
  }

  private User restore(Email email, Instant verifiedAt, long version) {
    return User.restore(registered.id(), email, null, null, LanguageTag.ENGLISH, HASH, Role.USER,
        verifiedAt, false, AccountStatus.ACTIVE, null, T0, T0, version);
  }

  private User restored(Email email, PasswordHash hash, Role role, Instant verifiedAt,
      boolean everVerified, Instant updatedAt) {
    return User.restore(registered.id(), email, new PersonName("Ada"), null,
        LanguageTag.ENGLISH, hash, role, verifiedAt, everVerified, AccountStatus.ACTIVE, null, T0,
        updatedAt, 0);
  }
}
