package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Any string is six ASCII digits (padding allowed) or an invalid-input error for "code". */
class VerificationCodePropertiesTest {

  @Property(tries = 2000)
  void anyString_isSixAsciiDigits_orInvalidInputForTheFieldCode(@ForAll("codes") String raw) {
    VerificationCode code = valueOrInvalid(() -> VerificationCode.parse(raw), "code");
    if (code == null) {
      return;
    }
    assertThat(code.digits()).isEqualTo(raw.strip()).matches("[0-9]{6}");
    assertThat(VerificationCode.parse(code.digits())).isEqualTo(code);
    assertThat(code.toString()).doesNotContain(code.digits());
  }

  @Property(tries = 300)
  void everyNumberBelowOneMillion_isACode_thatParsesAgainToItself(
      @ForAll @IntRange(min = 0, max = 999_999) int value) {
    VerificationCode code = VerificationCode.of(value);

    assertThat(Integer.parseInt(code.digits())).isEqualTo(value);
    assertThat(VerificationCode.parse(" " + code.digits() + "\n")).isEqualTo(code);
    assertThat(code.hashFor(new UserId(new UUID(1, 2)), CodePurpose.PASSWORD_RESET))
        .hasSize(64).isNotEqualTo(code.hashFor(new UserId(new UUID(1, 3)),
            CodePurpose.PASSWORD_RESET));
  }

  @Provide
  Arbitrary<String> codes() {
    return HostileStrings.anyAround(Arbitraries.strings().numeric().ofLength(6));
  }
}
