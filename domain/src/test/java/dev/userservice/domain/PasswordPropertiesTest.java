package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any string becomes a {@link Password} kept exactly as typed, or an invalid-input error; a
 * {@link PasswordPolicy} only ever adds the invalid-input error.
 */
class PasswordPropertiesTest {

  @Property(tries = 2000)
  void anyString_isThePasswordAsTyped_orInvalidInputForTheGivenField(
      @ForAll("passwords") String raw) {
    Password password = valueOrInvalid(() -> Password.of(raw, "new_password"), "new_password");
    if (password == null) {
      return;
    }
    assertThat(password.value()).isSameAs(raw).isNotEmpty();
    assertThat(raw.codePointCount(0, raw.length())).isLessThanOrEqualTo(Password.MAX_LENGTH);
    assertThat(password.toString()).isEqualTo("Password[***]");
  }

  @Property(tries = 500)
  void theConstructor_reportsTheFieldPassword(@ForAll("passwords") String raw) {
    Password password = valueOrInvalid(() -> new Password(raw), "password");
    if (password != null) {
      assertThat(password.value()).isSameAs(raw);
    }
  }

  @Property(tries = 2000)
  void aPolicy_acceptsExactlyThePasswordsOfItsMinimumLength_orReportsTheGivenField(
      @ForAll("passwords") String raw, @ForAll @IntRange(min = 1, max = 128) int minLength) {
    Password password = valueOrInvalid(() -> Password.of(raw, "password"), "password");
    if (password == null) {
      return;
    }
    PasswordPolicy policy = new PasswordPolicy(minLength);

    Password checked = valueOrInvalid(() -> policy.check(password, "new_password"),
        "new_password");

    boolean longEnough = raw.codePointCount(0, raw.length()) >= minLength;
    assertThat(checked).isEqualTo(longEnough ? password : null);
  }

  /** The minimum length is a setting, not user input: out of range is a configuration error. */
  @Property(tries = 300)
  void aPolicy_outsideOneTo128_isAConfigurationError(@ForAll int minLength) {
    if (minLength >= 1 && minLength <= Password.MAX_LENGTH) {
      assertThat(new PasswordPolicy(minLength).minLength()).isEqualTo(minLength);
    } else {
      assertThatIllegalArgumentException().isThrownBy(() -> new PasswordPolicy(minLength));
    }
  }

  @Provide
  Arbitrary<String> passwords() {
    return HostileStrings.anyAround(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(140));
  }
}
