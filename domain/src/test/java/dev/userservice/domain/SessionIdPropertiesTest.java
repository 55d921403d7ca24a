package dev.userservice.domain;

import static dev.userservice.domain.HostileStrings.anyAround;
import static dev.userservice.domain.HostileStrings.charsOf;
import static dev.userservice.domain.HostileStrings.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A session id is never parsed from user input: adapters ask {@link SessionId#isWellFormed} first
 * and treat anything else as an unknown session. So the properties are that the check and the
 * constructor agree on every string, and that the check itself never throws.
 */
class SessionIdPropertiesTest {

  @Test
  void isWellFormed_neverThrows_andAgreesWithTheConstructor() {
    forAll(anyAround(random -> charsOf(random, "ABCXYZabcxyz0189_-", 22, 22), 1, 2000), raw -> {
      boolean wellFormed = SessionId.isWellFormed(raw);

      if (wellFormed) {
        SessionId id = new SessionId(raw);
        assertThat(id.value()).isEqualTo(raw).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(id.toString()).isEqualTo(raw);
      } else {
        assertThatThrownBy(() -> new SessionId(raw))
            .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
      }
    });
  }
}
