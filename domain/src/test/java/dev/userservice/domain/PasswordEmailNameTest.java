package dev.userservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 17, finding 12: a new password may not be built from the account's email. */
class PasswordEmailNameTest {

  private final PasswordPolicy policy = PasswordPolicy.defaults();

  @Test
  void finding12_aPasswordContainingANameFromTheEmail_isRefused() {
    Email email = new Email("Ada.Lovelace+news@example.com");
    for (String built : new String[] {"ada.lovelace+news", "ADA.LOVELACE", "adalovelace1815",
        "i am lovelace!", "my-ada.lovelace-pass"}) {
      assertThatThrownBy(() -> policy.check(new Password(built), "new_password", email))
          .as(built)
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.errors()).singleElement().satisfies(error -> {
              assertThat(error.field()).isEqualTo("new_password");
              assertThat(error.message()).contains("email");
            });
          });
    }
  }

  @Test
  void shortNames_theDomain_andUnrelatedPasswords_areAllowed() {
    assertThat(policy.check(new Password("ada's passphrase"), "password",
        new Email("ada@example.com")).value()).isEqualTo("ada's passphrase");
    assertThat(policy.check(new Password("example passphrase"), "password",
        new Email("lovelace@example.com")).value()).isEqualTo("example passphrase");
    assertThatThrownBy(() -> policy.check(new Password("short"), "password",
        new Email("lovelace@example.com"))).hasMessageContaining("at least 8");
  }
}
