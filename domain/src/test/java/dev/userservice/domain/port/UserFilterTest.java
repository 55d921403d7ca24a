package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.userservice.domain.FieldError;
import dev.userservice.domain.InvalidInputException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The listing filters check themselves: no adapter can be handed an invalid one. */
class UserFilterTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void createdBefore_notLaterThanCreatedAfter_isRefused() {
    assertThatThrownBy(() -> new UserFilter(null, null, null, T0, T0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("created_before must be later than created_after");
    assertThatThrownBy(() -> new AuditFilter(null, null, Set.of(), T0.plusSeconds(1), T0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("created_before must be later than created_after");
  }

  @Test
  void everyInvalidField_isReportedAtOnce() {
    InvalidInputException refused = catchThrowableOfType(() -> new UserFilter("a\u0000b", null,
        null, Instant.MAX, Instant.MIN), InvalidInputException.class);

    assertThat(refused.errors()).extracting(FieldError::field)
        .containsExactly("email", "created_after", "created_before");
  }

  @Test
  void emailContains_isStripped_andBlankMeansAny() {
    assertThat(new UserFilter("  ada ", null, null, null, null).emailContains()).isEqualTo("ada");
    assertThat(new UserFilter(" ", null, null, null, null)).isEqualTo(UserFilter.ANY);
    assertThat(new UserFilter(null, null, null, T0, T0.plusNanos(1)).createdBefore())
        .isEqualTo(T0.plusNanos(1));
  }
}
