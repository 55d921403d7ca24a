package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.isAscii;
import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any string becomes a normalized {@link Email} or an invalid-input error, nothing else. */
class EmailPropertiesTest {

  @Property(tries = 2000)
  void anyString_isANormalizedEmail_orInvalidInputForTheGivenField(
      @ForAll("emails") String raw) {
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
  }

  @Property(tries = 1000)
  void aValidEmail_parsesAgainToItself_inAnyCaseAndPadding(@ForAll("validEmails") String raw) {
    Email email = Email.of(raw, "email");

    assertThat(new Email(email.value())).isEqualTo(email);
    assertThat(Email.of(email.value(), "email")).isEqualTo(email);
    assertThat(Email.of(" \t" + email.value().toUpperCase(Locale.ROOT) + "\n ", "email"))
        .isEqualTo(email);
  }

  @Property(tries = 500)
  void theConstructor_reportsTheFieldEmail(@ForAll("emails") String raw) {
    Email email = valueOrInvalid(() -> new Email(raw), "email");
    if (email != null) {
      assertThat(email.value()).isEqualTo(raw.strip().toLowerCase(Locale.ROOT));
    }
  }

  @Provide
  Arbitrary<String> emails() {
    return HostileStrings.anyAround(validEmails());
  }

  @Provide
  Arbitrary<String> validEmails() {
    Arbitrary<String> local = Arbitraries.strings().withChars("abcXYZ019._%+-!#'~")
        .ofMinLength(1).ofMaxLength(64);
    Arbitrary<String> label = Arbitraries.strings().withChars("abcdefXYZ0123456789")
        .ofMinLength(1).ofMaxLength(20);
    Arbitrary<String> domain = label.list().ofMinSize(2).ofMaxSize(4)
        .map(labels -> String.join(".", labels));
    return Combinators.combine(local, domain).as((l, d) -> l + "@" + d)
        .filter(email -> email.length() <= Email.MAX_LENGTH);
  }
}
