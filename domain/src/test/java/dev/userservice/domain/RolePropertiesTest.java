package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.isAscii;
import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any string is USER or ADMIN (in any ASCII case, padded) or an invalid-input error. */
class RolePropertiesTest {

  @Property(tries = 2000)
  void anyString_isARoleSpelledInAsciiAnyCase_orInvalidInputForTheGivenField(
      @ForAll("roles") String raw) {
    Role role = valueOrInvalid(() -> Role.parse(raw, "role"), "role");
    if (role == null) {
      return;
    }
    String text = raw.strip();
    assertThat(isAscii(text)).as("only the ASCII spelling is a role: %s", raw).isTrue();
    assertThat(text).isEqualToIgnoringCase(role.name());
  }

  @Property(tries = 200)
  void eachRole_parsesFromItsName_inAnyCase(@ForAll Role role, @ForAll boolean lower) {
    String name = lower ? role.name().toLowerCase(java.util.Locale.ROOT) : role.name();

    assertThat(Role.parse(" " + name + " ", "role")).isEqualTo(role);
  }

  @Provide
  Arbitrary<String> roles() {
    return HostileStrings.anyAround(Arbitraries.of("USER", "ADMIN", "user", "admin", "User",
        "aDmIn"));
  }
}
