package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.anyAround;
import static dev.userservice.domain.HostileStrings.charsOf;
import static dev.userservice.domain.HostileStrings.forAll;
import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static dev.userservice.domain.HostileStrings.withEdges;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Any string is six ASCII digits (padding allowed) or an invalid-input error for "code". */
class VerificationCodePropertiesTest {

  @Test
  void anyString_isSixAsciiDigits_orInvalidInputForTheFieldCode() {
    forAll(anyAround(random -> charsOf(random, "0123456789", 6, 6), 1, 2000), raw -> {
      VerificationCode code = valueOrInvalid(() -> VerificationCode.parse(raw), "code");
      if (code == null) {
        return;
      }
      assertThat(code.digits()).isEqualTo(raw.strip()).matches("[0-9]{6}");
      assertThat(VerificationCode.parse(code.digits())).isEqualTo(code);
      assertThat(code.toString()).doesNotContain(code.digits());
    });
  }

  @Test
  void everyNumberBelowOneMillion_isACode_thatParsesAgainToItself() {
    forAll(withEdges(List.of(0, 999_999), 2, 300, random -> random.nextInt(1_000_000)), value -> {
      VerificationCode code = VerificationCode.of(value);

      assertThat(Integer.parseInt(code.digits())).isEqualTo(value);
      assertThat(VerificationCode.parse(" " + code.digits() + "\n")).isEqualTo(code);
    });
  }
}
