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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Any string becomes a normalized {@link Email} or an invalid-input error, nothing else. */
class EmailPropertiesTest {

  // The grammar Email checks by hand, as the pattern it replaced.
  private static final Pattern SHAPE = Pattern.compile(
      "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
          + "(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

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
  void exactlyTheAddressesOfThePattern_areAccepted() {
    forAll(anyAround(EmailPropertiesTest::nearTheEdges, 4, 5_000), raw -> {
      String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
      boolean expected = !email.isEmpty() && email.length() <= Email.MAX_LENGTH
          && isAscii(raw.strip()) && SHAPE.matcher(email).matches()
          && (email.indexOf('.', email.indexOf('@')) > 0 || email.endsWith("@localhost"));

      assertThat(valueOrInvalid(() -> Email.of(raw, "email"), "email") != null)
          .isEqualTo(expected);
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

  // Labels and local parts at and beyond their limits, with hyphens and dots where they may and
  // may not stand.
  private static String nearTheEdges(Random random) {
    String local = charsOf(random, "ab0.-+_~", 1 + random.nextInt(2) * 62, 66);
    List<String> labels = new ArrayList<>();
    for (int i = random.nextInt(4); i >= 0; i--) {
      labels.add(charsOf(random, "az09-", random.nextInt(3) == 0 ? 60 : 0, 65));
    }
    return local + "@" + String.join(".", labels);
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
