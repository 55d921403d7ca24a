package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.anyAround;
import static dev.userservice.domain.HostileStrings.cases;
import static dev.userservice.domain.HostileStrings.forAll;
import static dev.userservice.domain.HostileStrings.isAscii;
import static dev.userservice.domain.HostileStrings.oneOf;
import static dev.userservice.domain.HostileStrings.pick;
import static dev.userservice.domain.HostileStrings.valueOrInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Any string is USER or ADMIN (in any ASCII case, padded) or an invalid-input error. */
class RolePropertiesTest {

  @Test
  void anyString_isARoleSpelledInAsciiAnyCase_orInvalidInputForTheGivenField() {
    forAll(anyAround(oneOf("USER", "ADMIN", "user", "admin", "User", "aDmIn"), 1, 2000), raw -> {
      Role role = valueOrInvalid(() -> Role.parse(raw, "role"), "role");
      if (role == null) {
        return;
      }
      String text = raw.strip();
      assertThat(isAscii(text)).as("only the ASCII spelling is a role: %s", raw).isTrue();
      assertThat(text).isEqualToIgnoringCase(role.name());
    });
  }

  @Test
  void eachRole_parsesFromItsName_inAnyCase() {
    List<Role> roles = List.of(Role.values());
    Stream<RoleCase> cases = cases(2, 200,
        random -> new RoleCase(pick(random, roles), random.nextBoolean()));
    forAll(cases, input -> {
      Role role = input.role();
      String name = input.lower() ? role.name().toLowerCase(Locale.ROOT) : role.name();

      assertThat(Role.parse(" " + name + " ", "role")).isEqualTo(role);
    });
  }

  private record RoleCase(Role role, boolean lower) {}
}
