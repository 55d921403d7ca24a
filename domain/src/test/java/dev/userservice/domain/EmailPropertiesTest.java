package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.anyAround;
import static dev.userservice.domain.HostileStrings.cases;
import static dev.userservice.domain.HostileStrings.charsOf;
import static dev.userservice.domain.HostileStrings.forAll;
import static dev.userservice.domain.HostileStrings.isAscii;
import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any string becomes a normalized {@link Email} or an invalid-input error, nothing else. */
class EmailPropertiesTest {

  @Test
  void anyString_isANormalizedEmail_orInvalidInputForTheGivenField() {
    forAll(anyAround(EmailPropertiesTest::validEmail, 1, 2000), raw -> {
      Email email = valueOrInvalid(() -> Email.of(raw, "contact_email"), "contact_email");
      if (email == null) {
        return;
      }
      String value = email.value();
      assertThat(value)
          .isEqualTo(raw.strip().toLowerCase(Locale.ROOT))
          .isEqualTo(value.strip())
          .isEqualTo(value.toLowerCase(Locale.ROOT))
          .hasSizeBetween(3, Email.MAX_LENGTH)
          .doesNotContainPattern("\\s");
      assertThat(isAscii(raw.strip())).as("only ASCII addresses are accepted: %s", raw).isTrue();
      assertThat(value.indexOf('@')).isBetween(1, 64).isEqualTo(value.lastIndexOf('@'));
      assertThat(email.toString()).isEqualTo(value);
    });
  }

  @Test
  void aValidEmail_parsesAgainToItself_inAnyCaseAndPadding() {
    forAll(cases(2, 1000, EmailPropertiesTest::validEmail), raw -> {
      Email email = Email.of(raw, "email");

      assertThat(new Email(email.value())).isEqualTo(email);
      assertThat(Email.of(email.value(), "email")).isEqualTo(email);
      assertThat(Email.of(" \t" + email.value().toUpperCase(Locale.ROOT) + "\n ", "email"))
          .isEqualTo(email);
    });
  }

  @Test
  void theConstructor_reportsTheFieldEmail() {
    forAll(anyAround(EmailPropertiesTest::validEmail, 3, 500), raw -> {
      Email email = valueOrInvalid(() -> new Email(raw), "email");
      if (email != null) {
        assertThat(email.value()).isEqualTo(raw.strip().toLowerCase(Locale.ROOT));
      }
    });
  }

  private static String validEmail(Random random) {
    String email;
    do {
      String local = charsOf(random, "abciksKXYZ019._%+-!#'~", 1, 64);
      List<String> labels = new ArrayList<>();
      for (int i = 2 + random.nextInt(3); i > 0; i--) {
        labels.add(charsOf(random, "abcdefiksKXYZ0123456789", 1, 20));
      }
      email = local + "@" + String.join(".", labels);
    } while (email.length() > Email.MAX_LENGTH);
    return email;
  }
}
