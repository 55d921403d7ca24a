package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.anyAround;
import static dev.userservice.domain.HostileStrings.cases;
import static dev.userservice.domain.HostileStrings.forAll;
import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Any string is a user id in canonical UUID text form or an invalid-input error. */
class UserIdPropertiesTest {

  @Test
  void anyString_isACanonicalUuid_orInvalidInputForTheGivenField() {
    forAll(anyAround(UserIdPropertiesTest::canonicalId, 1, 3000), raw -> {
      UserId id = valueOrInvalid(() -> UserId.parse(raw, "id"), "id");
      if (id == null) {
        return;
      }
      assertThat(raw).as("only the canonical 8-4-4-4-12 hex form is an id")
          .matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
      assertThat(id.toString()).isEqualTo(raw.toLowerCase(Locale.ROOT));
      assertThat(UserId.parse(id.toString(), "id")).isEqualTo(id);
    });
  }

  @Test
  void aGeneratedId_isVersion7_andParsesAgainToItself() {
    forAll(cases(2, 300, UserIdPropertiesTest::generateCase), input -> {
      UserId id = UserId.generate(input.now(), input.random());

      assertThat(id.value().version()).isEqualTo(7);
      assertThat(id.value().variant()).isEqualTo(2);
      assertThat(UserId.parse(id.toString(), "id")).isEqualTo(id);
    });
  }

  /** A random UUID in canonical form, half of them upper-case. */
  private static String canonicalId(Random random) {
    String text = new UUID(random.nextLong(), random.nextLong()).toString();
    return random.nextBoolean() ? text : text.toUpperCase(Locale.ROOT);
  }

  private static GenerateCase generateCase(Random random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new GenerateCase(bytes, Instant.ofEpochMilli(random.nextLong(0, (1L << 47) + 1)));
  }

  private record GenerateCase(byte[] random, Instant now) {}
}
