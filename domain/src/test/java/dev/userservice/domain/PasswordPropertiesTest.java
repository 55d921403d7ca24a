package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.anyChars;
import static dev.userservice.domain.HostileStrings.cases;
import static dev.userservice.domain.HostileStrings.forAll;
import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static dev.userservice.domain.HostileStrings.withEdges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Any string becomes a {@link Password} kept exactly as typed, or an invalid-input error; a
 * {@link PasswordPolicy} only ever adds the invalid-input error.
 */
class PasswordPropertiesTest {

  private static final Function<Random, String> PASSWORDS =
      HostileStrings.anyAround(random -> anyChars(random, 1, 140));

  @Test
  void anyString_isThePasswordAsTyped_orInvalidInputForTheGivenField() {
    forAll(cases(1, 2000, PASSWORDS), raw -> {
      Password password = valueOrInvalid(() -> Password.of(raw, "new_password"), "new_password");
      if (password == null) {
        return;
      }
      assertThat(password.value()).isSameAs(raw).isNotEmpty();
      assertThat(raw.codePointCount(0, raw.length())).isLessThanOrEqualTo(Password.MAX_LENGTH);
      assertThat(password.toString()).isEqualTo("Password[***]");
    });
  }

  @Test
  void theConstructor_reportsTheFieldPassword() {
    forAll(cases(2, 500, PASSWORDS), raw -> {
      Password password = valueOrInvalid(() -> new Password(raw), "password");
      if (password != null) {
        assertThat(password.value()).isSameAs(raw);
      }
    });
  }

  @Test
  void aPolicy_acceptsExactlyThePasswordsOfItsMinimumLength_orReportsTheGivenField() {
    Stream<PolicyCase> cases = cases(3, 2000,
        random -> new PolicyCase(PASSWORDS.apply(random), 1 + random.nextInt(128)));
    forAll(cases, input -> {
      Password password = valueOrInvalid(() -> Password.of(input.raw(), "password"), "password");
      if (password == null) {
        return;
      }
      PasswordPolicy policy = new PasswordPolicy(input.minLength());

      Password checked = valueOrInvalid(() -> policy.check(password, "new_password"),
          "new_password");

      boolean longEnough =
          input.raw().codePointCount(0, input.raw().length()) >= input.minLength();
      assertThat(checked).isEqualTo(longEnough ? password : null);
    });
  }

  /** The minimum length is a setting, not user input: out of range is a configuration error. */
  @Test
  void aPolicy_outsideOneTo128_isAConfigurationError() {
    forAll(withEdges(List.of(0, 1, 128, 129), 4, 300, HostileStrings::anyInt), minLength -> {
      if (minLength >= 1 && minLength <= Password.MAX_LENGTH) {
        assertThat(new PasswordPolicy(minLength).minLength()).isEqualTo(minLength);
      } else {
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordPolicy(minLength));
      }
    });
  }

  private record PolicyCase(String raw, int minLength) {}
}
