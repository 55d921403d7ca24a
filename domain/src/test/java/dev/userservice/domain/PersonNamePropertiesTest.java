package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any string becomes a trimmed {@link PersonName}, no name, or an invalid-input error. */
class PersonNamePropertiesTest {

  @Property(tries = 2000)
  void anyString_isATrimmedName_noName_orInvalidInputForTheGivenField(
      @ForAll("names") String raw) {
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
  }

  @Property(tries = 500)
  void theConstructor_rejectsBlank_andReportsTheFieldName(@ForAll("names") String raw) {
    PersonName name = valueOrInvalid(() -> new PersonName(raw), "name");
    if (raw == null || raw.isBlank()) {
      assertThat(name).isNull();
    } else if (name != null) {
      assertThat(name.value()).isEqualTo(raw.strip());
    }
  }

  @Provide
  Arbitrary<String> names() {
    return HostileStrings.anyAround(Arbitraries.strings().alpha().withChars(" -'\u00E9\u00FC")
        .ofMinLength(1).ofMaxLength(60));
  }
}
