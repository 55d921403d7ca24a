package dev.userservice.domain.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.userservice.domain.InvalidInputException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataMatchTest {

  @Test
  void theQueryParameter_namesItsKeyInBrackets_besideOtherParameters() {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("role", List.of("user"));
    query.put("app_metadata[tenant id]", List.of("acme"));

    assertThat(MetadataMatch.fromQuery(query)).isEqualTo(new MetadataMatch("tenant id", "acme"));
    assertThat(MetadataMatch.fromQuery(Map.of("role", List.of("user")))).isNull();
    assertThat(MetadataMatch.isParameter("app_metadata[plan]")).isTrue();
    assertThat(MetadataMatch.isParameter("app_metadata")).isFalse();
    assertThat(MetadataMatch.isParameter("metadata[plan]")).isFalse();
  }

  @Test
  void oneKeyAndOneValue_atMost() {
    assertRefused(Map.of("app_metadata[a]", List.of("1"), "app_metadata[b]", List.of("2")),
        "one key and one value");
    assertRefused(Map.of("app_metadata[a]", List.of("1", "2")), "one key and one value");
    assertRefused(Map.of("app_metadata", List.of("plan")), "in brackets");
    assertRefused(Map.of("app_metadata[]", List.of("1")), "one key of 1 to 255");
    assertRefused(Map.of("app_metadata[" + "k".repeat(256) + "]", List.of("1")), "1 to 255");
    assertRefused(Map.of("app_metadata[k]", List.of("v".repeat(1025))), "at most 1024");
    assertRefused(Map.of("app_metadata[k]", List.of("a\u0000b")), "control characters");
  }

  @Test
  void theValue_spellsANumberOrABoolean_onlyInJsonSyntax() {
    assertThat(new MetadataMatch("k", "-1.50e2").number()).isEqualByComparingTo("-150");
    assertThat(new MetadataMatch("k", "0").number()).isEqualTo(BigDecimal.ZERO);
    for (String notANumber : List.of("01", "1.", ".5", "+1", "NaN", "1e99999", "0x10", " 1")) {
      assertThat(new MetadataMatch("k", notANumber).number()).as(notANumber).isNull();
    }
    assertThat(new MetadataMatch("k", "true").bool()).isTrue();
    assertThat(new MetadataMatch("k", "false").bool()).isFalse();
    assertThat(new MetadataMatch("k", "True").bool()).isNull();
  }

  private static void assertRefused(Map<String, List<String>> query, String message) {
    assertThatThrownBy(() -> MetadataMatch.fromQuery(query))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.errors()).singleElement().satisfies(error -> {
              assertThat(error.field()).isEqualTo("app_metadata");
              assertThat(error.message()).contains(message);
            }));
  }
}
