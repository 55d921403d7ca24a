package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.anyAround;
import static dev.userservice.domain.HostileStrings.charsOf;
import static dev.userservice.domain.HostileStrings.forAll;
import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any string becomes a trimmed {@link PersonName}, no name, or an invalid-input error. */
class PersonNamePropertiesTest {

  @Test
  void anyString_isATrimmedName_noName_orInvalidInputForTheGivenField() {
    forAll(anyAround(PersonNamePropertiesTest::validName, 1, 2000), raw -> {
      PersonName name = valueOrInvalid(() -> PersonName.ofNullable(raw, "first_name"),
          "first_name");
      if (raw == null || raw.isBlank()) {
        assertThat(name).as("a blank name clears it").isNull();
        return;
      }
      if (name == null) {
        return;
      }
      String value = name.value();
      assertThat(value).isEqualTo(raw.strip()).isEqualTo(value.strip()).isNotBlank();
      assertThat(value.codePointCount(0, value.length())).isBetween(1, PersonName.MAX_LENGTH);
      assertThat(value.codePoints().noneMatch(Character::isISOControl)).isTrue();
      assertThat(new PersonName(value)).isEqualTo(name);
      assertThat(PersonName.ofNullable(" " + value + "\t", "first_name")).isEqualTo(name);
    });
  }

  @Test
  void theConstructor_rejectsBlank_andReportsTheFieldName() {
    forAll(anyAround(PersonNamePropertiesTest::validName, 2, 500), raw -> {
      PersonName name = valueOrInvalid(() -> new PersonName(raw), "name");
      if (raw == null || raw.isBlank()) {
        assertThat(name).isNull();
      } else if (name != null) {
        assertThat(name.value()).isEqualTo(raw.strip());
      }
    });
  }

  private static String validName(Random random) {
    return charsOf(random, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -'\u00E9\u00FC",
        1, 60);
  }
}
