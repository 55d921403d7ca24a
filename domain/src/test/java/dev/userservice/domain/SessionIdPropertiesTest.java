package dev.userservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A session id is never parsed from user input: adapters ask {@link SessionId#isWellFormed} first
 * and treat anything else as an unknown session. So the properties are that the check and the
 * constructor agree on every string, and that the check itself never throws.
 */
class SessionIdPropertiesTest {

  @Property(tries = 2000)
  void isWellFormed_neverThrows_andAgreesWithTheConstructor(@ForAll("sessionIds") String raw) {
    boolean wellFormed = SessionId.isWellFormed(raw);

    if (wellFormed) {
      SessionId id = new SessionId(raw);
      assertThat(id.value()).isEqualTo(raw).hasSize(22).matches("[A-Za-z0-9_-]+");
      assertThat(id.toString()).isEqualTo(raw);
    } else {
      assertThatThrownBy(() -> new SessionId(raw))
          .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
    }
  }

  @Provide
  Arbitrary<String> sessionIds() {
    return HostileStrings.anyAround(Arbitraries.strings()
        .withChars("ABCXYZabcxyz0189_-").ofLength(22));
  }
}
