package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any string is a user id in canonical UUID text form or an invalid-input error. */
class UserIdPropertiesTest {

  @Property(tries = 3000)
  void anyString_isACanonicalUuid_orInvalidInputForTheGivenField(@ForAll("ids") String raw) {
    UserId id = valueOrInvalid(() -> UserId.parse(raw, "id"), "id");
    if (id == null) {
      return;
    }
    assertThat(raw).as("only the canonical 8-4-4-4-12 hex form is an id")
        .matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    assertThat(id.toString()).isEqualTo(raw.toLowerCase(Locale.ROOT));
    assertThat(UserId.parse(id.toString(), "id")).isEqualTo(id);
  }

  @Property(tries = 300)
  void aGeneratedId_isVersion7_andParsesAgainToItself(@ForAll("randomBytes") byte[] random,
      @ForAll("instants") Instant now) {
    UserId id = UserId.generate(now, random);

    assertThat(id.value().version()).isEqualTo(7);
    assertThat(id.value().variant()).isEqualTo(2);
    assertThat(UserId.parse(id.toString(), "id")).isEqualTo(id);
  }

  @Provide
  Arbitrary<String> ids() {
    Arbitrary<String> canonical = Arbitraries.randomValue(random ->
        new UUID(random.nextLong(), random.nextLong()).toString());
    return HostileStrings.anyAround(Arbitraries.oneOf(canonical,
        canonical.map(text -> text.toUpperCase(Locale.ROOT))));
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(16);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(0, 1L << 47).map(Instant::ofEpochMilli);
  }
}
